// Compares classifier results with test/corpus/expected.json; shared by the corpus test and the
// test that proves a wrong expectation is caught.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classification, classifyReply } from '../../src/core/classify';
import { parseMessage } from '../../src/core/mime';

export const CORPUS_DIR = join(__dirname, '..', 'corpus');

/** A file's expectation: its category, or the category plus fields that must match exactly. */
export type Expectation = string | { category: string; returnDate?: string; senderSide?: boolean };

export function loadExpectations(): Record<string, Expectation> {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8'));
}

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((name) => name.endsWith('.eml'))
    .sort();
}

export function classifyCorpusFile(file: string): Classification {
  return classifyReply(parseMessage(readFileSync(join(CORPUS_DIR, file)).toString('latin1')));
}

/** Every disagreement between expectations and results, as readable lines; [] when all agree. */
export function corpusMismatches(
  expectations: Record<string, Expectation>,
  results: Record<string, Classification>,
): string[] {
  const problems: string[] = [];
  for (const file of Object.keys(results)) {
    if (!(file in expectations)) problems.push(`${file}: no expectation in expected.json`);
  }
  for (const [file, expectation] of Object.entries(expectations)) {
    const result = results[file];
    if (!result) {
      problems.push(`${file}: expected but not in the corpus`);
      continue;
    }
    const wanted = typeof expectation === 'string' ? { category: expectation } : expectation;
    if (result.category !== wanted.category) {
      problems.push(
        `${file}: expected ${wanted.category}, got ${result.category} (${result.rule}: ${result.reason})`,
      );
    }
    if ('returnDate' in wanted && result.returnDate !== wanted.returnDate) {
      problems.push(`${file}: expected return date ${wanted.returnDate}, got ${result.returnDate}`);
    }
    if ('senderSide' in wanted && !!result.senderSide !== wanted.senderSide) {
      problems.push(
        `${file}: expected senderSide ${wanted.senderSide}, got ${!!result.senderSide}`,
      );
    }
  }
  return problems;
}
