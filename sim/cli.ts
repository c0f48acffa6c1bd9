// `npm run --silent simulate -- --scenario <file.json> [--seed N]`: runs a scenario on the
// emulator with the built bundle and prints one JSON summary as its last line.
import { execFileSync } from 'node:child_process';
import { readScenario, simulate } from './scenario';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = option('scenario');
if (!file) {
  console.log(JSON.stringify({ error: 'usage: simulate --scenario <file.json> [--seed N]' }));
  process.exit(1);
}
try {
  if (!process.env.BATON_DIST)
    execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
  const seed = option('seed');
  const summary = simulate(readScenario(file), seed === undefined ? undefined : Number(seed));
  console.log(JSON.stringify(summary));
} catch (error) {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
}
