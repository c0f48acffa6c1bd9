// Browser tests of the workbench (`npm run test:e2e`): builds the add-on, starts the workbench on
// a free port with a fresh demo world, drives Debian's headless Chromium through the pages with
// playwright-core, saves screenshots under test-results/workbench/, and ends with one line
// `e2e: N passed, N failed` (exit code 1 when any failed).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWorkbench } from '../server';
import { cardChecks, pageChecks, stories, type StoryContext } from './stories';

const SCREENSHOTS = 'test-results/workbench';

function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('E2E_NO_CHROMIUM: Chromium is not installed. Run: apt-get install -y chromium');
  }
}

/**
 * Builds the add-on and copies dist/ aside: another build (jest's global setup) may empty dist/
 * at any moment, so a copy missing a file is made again.
 */
function buildPrivateCopy(target: string, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
    rmSync(target, { recursive: true, force: true });
    try {
      cpSync('dist', target, { recursive: true });
    } catch {
      // dist/ vanished during the copy: checked below
    }
    if (['Code.js', 'appsscript.json'].every((f) => existsSync(join(target, f)))) return;
    if (attempt === attempts)
      throw new Error('E2E_NO_BUNDLE: dist/ kept disappearing while copying it.');
  }
}

async function main() {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const userDataDir = mkdtempSync(join(tmpdir(), 'baton-e2e-'));
  const projectDir = join(userDataDir, 'dist');
  buildPrivateCopy(projectDir);
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  let passed = 0;
  let failed = 0;
  try {
    // Each story gets a fresh demo world and page; within a story, steps build on each other,
    // so after a failure the rest of that story is counted as failed (not reached).
    const only = process.env.E2E_ONLY;
    for (const story of [cardChecks, pageChecks, ...stories].filter(
      (s) => !only || s.name === only,
    )) {
      const journalPath = join(userDataDir, `${story.name}-world.json`);
      let workbench = await startWorkbench({ port: 0, journalPath, projectDir });
      const page = await browser.newPage();
      page.setDefaultTimeout(15_000);
      const ctx: StoryContext = {
        url: workbench.url,
        shot: async (name) => {
          await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
        },
        restart: async () => {
          await workbench.close();
          workbench = await startWorkbench({ port: 0, journalPath, projectDir });
          ctx.url = workbench.url;
        },
      };
      let blockedBy = '';
      for (const step of story.steps) {
        const label = `${story.name} › ${step.name}`;
        if (blockedBy) {
          failed++;
          console.log(`✗ ${label} (not reached: "${blockedBy}" failed)`);
          continue;
        }
        try {
          await step.run(page, ctx);
          passed++;
          console.log(`✓ ${label}`);
        } catch (error) {
          failed++;
          blockedBy = step.name;
          const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
          console.log(`✗ ${label}\n    ${message}`);
          // What Baton itself reported: the latest failed executions of this world.
          for (const run of workbench.session.world
            .executions()
            .filter((e) => e.error || process.env.E2E_DEBUG)
            .slice(process.env.E2E_DEBUG ? -12 : -3))
            console.log(
              `    execution ${run.id} ${run.fn} as ${run.user}: ${run.error ?? JSON.stringify(run.calls)}`,
            );
          await ctx.shot(`failed-${story.name}-${step.name}`.replace(/[^\w-]+/g, '_'));
        }
      }
      await page.close();
      await workbench.close();
    }
  } finally {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  });
}
