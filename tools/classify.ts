// `npm run --silent classify -- <file.eml> [...]`: classifies raw RFC 5322 messages with the
// add-on's own classifier and prints one JSON object per line; a file that cannot be read exits 1.
import { readFileSync } from 'node:fs';
import { classifyReply } from '../src/core/classify';
import { parseMessage } from '../src/core/mime';

export interface ClassifyLine {
  file: string;
  category?: string;
  reason?: string;
  rule?: string;
  returnDate?: string;
  senderSide?: boolean;
  notes?: string[];
  error?: string;
}

/** One output line per file; errors are reported in the line, never thrown. */
export function classifyFile(file: string): ClassifyLine {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EREAD';
    return { file, error: `${code}: cannot read ${file}; pass the path of a raw .eml message` };
  }
  const message = parseMessage(raw.toString('latin1'));
  const { category, reason, rule, returnDate, senderSide } = classifyReply(message);
  return {
    file,
    category,
    reason,
    rule,
    ...(returnDate ? { returnDate } : {}),
    ...(senderSide ? { senderSide } : {}),
    ...(message.notes.length > 0 ? { notes: message.notes } : {}),
  };
}

export function main(args: string[], write: (line: string) => void): number {
  if (args.length === 0) {
    write(JSON.stringify({ error: 'usage: npm run --silent classify -- <file.eml> [...]' }));
    return 2;
  }
  let failed = false;
  for (const file of args) {
    const line = classifyFile(file);
    if (line.error) failed = true;
    write(JSON.stringify(line));
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (line) => process.stdout.write(line + '\n'));
}
