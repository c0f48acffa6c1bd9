// `npm start`: builds the add-on, then serves the workbench — Baton on the offline Workspace in a
// browser-based Gmail and Sheets (docs/workbench.md). `npm start -- --fresh` drops the saved world.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startWorkbench } from '../workbench/server';

const JOURNAL = '.workbench/world.json';

async function main() {
  const fresh = process.argv.includes('--fresh');
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
  execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
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
