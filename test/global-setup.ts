// Builds dist/ once before the tests, so that every test that loads the bundle loads today's code.
import { execFileSync } from 'node:child_process';

export default function globalSetup(): void {
  execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
}
