// `npm run soak -- [--days N] [--seed S]`: random scenarios with faults on (killed executions,
// transient errors, overlapping ticks) until N campaign-days have run; exits 1 on any duplicate,
// lost candidate, send after stop, quota overrun or store overflow, printing the scenario.
import { execFileSync } from 'node:child_process';
import { DAILY_LIMITS, seededRandom } from '../emulator';
import { loadBuiltBaton } from './baton-world';
import { simulate, type Scenario, type Summary } from './scenario';

/** Apps Script's user-properties store limit (keys and values). */
const STORE_LIMIT_BYTES = 500 * 1024;

export interface SoakReport {
  scenarios: number;
  campaignDays: number;
  sent: number;
  killedExecutions: number;
  violations: { scenario: Scenario; summary: Summary; problems: string[] }[];
}

/** The owner's daily recipient quota, as the emulator applies it to the scenario's account kind. */
export function dailyQuotaOf(scenario: Scenario): number {
  const owner = scenario.users.find((u) => u.email === scenario.campaign.owner);
  return DAILY_LIMITS[owner?.kind ?? 'workspace'].emailRecipients;
}

/** Invariants no run may break, whatever the faults. */
export function violationsOf(summary: Summary, dailyQuota: number, days: number): string[] {
  const problems: string[] = [];
  if (summary.duplicates > 0) problems.push(`${summary.duplicates} duplicate sends`);
  if (summary.sentAfterStop > 0) problems.push(`${summary.sentAfterStop} sends after a stop`);
  if (summary.unfinished.count > 0)
    problems.push(
      `${summary.unfinished.count} candidates lost: ${JSON.stringify(summary.unfinished.reasons)}`,
    );
  if (summary.quotaErrors > 0) problems.push(`${summary.quotaErrors} executions hit a quota`);
  if (summary.sent > dailyQuota * Math.ceil(days))
    problems.push(`sent ${summary.sent}, over the quota`);
  if (summary.maxStoreBytes > STORE_LIMIT_BYTES)
    problems.push(`store reached ${summary.maxStoreBytes} bytes`);
  if (summary.repliesLogged !== summary.repliesDelivered)
    problems.push(
      `${summary.repliesDelivered} replies delivered but ${summary.repliesLogged} logged`,
    );
  return problems;
}

/** A random scenario with enough days for every candidate to finish. */
export function randomScenario(seed: number): Scenario {
  const random = seededRandom(seed * 104_729 + 1);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const stepCount = 1 + Math.floor(random() * 3);
  const steps = Array.from({ length: stepCount }, (_, i) => ({
    subject:
      i === 0
        ? pick([
            'A role at {{Company}}',
            'Quick question, {{First name}}',
            'Ciao {{First name}} 👋',
          ])
        : '',
    text: `Hi {{First name|there}}, note ${i + 1}.`,
    delayDays: i === 0 ? 0 : 1 + Math.floor(random() * 3),
  }));
  const kind = random() < 0.3 ? 'consumer' : 'workspace';
  const delays = steps.reduce((n, s) => n + s.delayDays, 0);
  const timeZone = pick(['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC']);
  return {
    name: `soak #${seed}`,
    seed,
    start: '2026-03-02T06:00:00Z',
    days: delays + 5,
    users: [{ email: 'owner@acme.example', name: 'Owner', kind, timeZone }],
    campaign: {
      owner: 'owner@acme.example',
      steps,
      timeZone,
      window: pick([
        { start: '9:00', end: '17:00' },
        { start: '0:00', end: '24:00' },
        { start: '8:00', end: '12:00' },
      ]),
      weekdays: ['0', '1', '2', '3', '4', '5', '6'],
      dailyCap: pick([20, 50, 200]),
      candidates: 5 + Math.floor(random() * 30),
    },
    behaviour: {
      interested: 0.08,
      notInterested: 0.05,
      neutral: 0.04,
      optOut: 0.05,
      away: 0.08,
      bounceHard: 0.04,
      bounceSoft: 0.04,
      replyAfterHours: [1, 24],
    },
    faults: { killShare: 0.25, transientShare: 0.01, overlapShare: 0.08 },
  };
}

export function soak(
  targetCampaignDays: number,
  firstSeed: number,
  log = (_: string) => {},
): SoakReport {
  const project = loadBuiltBaton();
  const report: SoakReport = {
    scenarios: 0,
    campaignDays: 0,
    sent: 0,
    killedExecutions: 0,
    violations: [],
  };
  for (let seed = firstSeed; report.campaignDays < targetCampaignDays; seed++) {
    const scenario = randomScenario(seed);
    const summary = simulate(scenario, seed, project);
    const problems = violationsOf(summary, dailyQuotaOf(scenario), scenario.days);
    report.scenarios++;
    report.campaignDays += scenario.days;
    report.sent += summary.sent;
    report.killedExecutions += summary.executionsKilledByFaults;
    if (problems.length) report.violations.push({ scenario, summary, problems });
    log(
      `${scenario.name}: ${scenario.days} days, sent ${summary.sent}, killed ${summary.executionsKilledByFaults}${problems.length ? `, VIOLATIONS: ${problems.join('; ')}` : ''}`,
    );
  }
  return report;
}

if (require.main === module) {
  const option = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  if (!process.env.BATON_DIST)
    execFileSync('npx', ['rollup', '-c', '--silent'], { stdio: 'inherit' });
  const report = soak(option('days', 1000), option('seed', 1), (line) => console.log(line));
  for (const v of report.violations) console.log(JSON.stringify(v));
  console.log(
    JSON.stringify({
      scenarios: report.scenarios,
      campaignDays: report.campaignDays,
      sent: report.sent,
      killedExecutions: report.killedExecutions,
      violations: report.violations.length,
    }),
  );
  process.exit(report.violations.length ? 1 : 0);
}
