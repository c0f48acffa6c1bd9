// `npm start`: builds the add-on, then serves the workbench — Baton on the offline Workspace in a
// browser-based Gmail and Sheets (docs/workbench.md). `npm start -- --fresh` drops the saved world.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startWorkbench } from '../workbench/server';

const JOURNAL = '.workbench/world.json';
const BUNDLE = 'dist/Code.js';
const BUILD_INPUTS = ['src', 'appsscript.json', 'rollup.config.mjs', 'tsconfig.json'];

/** Newest modification time under a file or folder. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Rebuilding takes most of the start-up time, so a bundle newer than all its inputs is reused. */
function bundleIsCurrent(): boolean {
  if (!existsSync(BUNDLE) || !existsSync('dist/appsscript.json')) return false;
  const built = statSync(BUNDLE).mtimeMs;
  return BUILD_INPUTS.every((input) => !existsSync(input) || newest(input) < built);
}

async function main() {
  const fresh = process.argv.includes('--fresh');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  if (bundleIsCurrent()) process.stdout.write('dist/ is up to date with src/: not rebuilding.\n');
  else {
    process.stdout.write('Building dist/ ...\n');
    execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
  }
  if (fresh) rmSync(JOURNAL, { force: true });
  const workbench = await startWorkbench({
    port,
    journalPath: JOURNAL,
    onRestoreProgress: (done, total) =>
      process.stdout.write(`\rRestoring the saved world: ${done}/${total}`),
  });
  process.stdout.write(`\nBaton workbench: ${workbench.url}  (Ctrl+C stops it)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
