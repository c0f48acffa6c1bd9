// `npm start`: builds the add-on and opens it in the local workbench (issue 8). Until the
// workbench lands, it runs the built homepage on the offline Workspace and prints the card JSON.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
if (existsSync('workbench/server.ts')) {
  execFileSync('npx', ['tsx', 'workbench/server.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
} else {
  const args = ['tsx', 'emulator/cli.ts', 'run', '--project', 'dist', '--as', 'recruiter@example.com', '--function', 'onHomepage'];
  process.stdout.write(execFileSync('npx', args, { encoding: 'utf8' }));
}
