// `npm run bench`: Baton on the emulator against Apps Script's limits and two baselines, on fixed
// seeds; prints a table and writes bench/results.json. It reports; it never fails on a figure.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {
  DAILY_LIMITS,
  type AccountKind,
  type ExecutionResult,
  type FaultPlan,
  type World,
} from '../emulator';
import { STORE_LIMIT_BYTES } from '../emulator/services/properties';
import { TIME_LIMIT_HOLD } from '../src/app/sending';
import { DAY, loadBuiltBaton, messageHeader, type BatonWorld } from '../sim/baton-world';
import {
  CostRecorder,
  duplicatesAmong,
  isGmailRead,
  perEmail,
  round,
  type PerEmail,
  sendShare,
  sendsOf,
} from './measure';
import { markdownTable, tableRows, writeTableInto } from './table';
import {
  candidateAddress,
  killPlans,
  launchBaton,
  OWNER,
  runBaseline,
  runBatonHours,
  sentLetters,
  type BaselineName,
} from './runners';

const SEED = 20260302;
/** About what one run of Baton, and of the mail-merge, sends in its 6 minutes. */
const SIDE_BY_SIDE_CANDIDATES = 240;
const KILL_CANDIDATES = 60;
/** Four runs' worth of first steps, then of follow-ups. */
const FULL_RUN_CANDIDATES = 1000;
/** Runs of each sender die mid-run until this many kills landed; later runs finish the work. */
const KILLED_RUNS = 5;
const SCAN_SIZES = [100, 1000, 5000];
/** The naive sequencer's own runs stop fitting in 6 minutes beyond a few hundred candidates. */
const NAIVE_SCAN_SIZES = [50, 100];
const NEW_REPLIES = 5;
/** Timed on the running campaign after the backlog run (create, steps, settings, launch come first). */
const CARD_ACTIONS_AFTER_RUN = [
  'campaign.list',
  'campaign.open',
  'campaign.preview',
  'campaign.pause',
  'campaign.resume',
  'campaign.end',
];
const BACKLOG: Record<AccountKind, number> = { consumer: 300, workspace: 2000 };

function ensureBuilt(): void {
  if (!existsSync('dist/Code.js')) execSync('npm run build', { stdio: 'inherit' });
}

const project = (ensureBuilt(), loadBuiltBaton());
const wallStart = Date.now();
const log = (text: string) =>
  console.log(`[bench ${((Date.now() - wallStart) / 1000).toFixed(0)}s] ${text}`);

const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A run that stopped sending because its time was up: a full run. */
const cutShort = (run: ExecutionResult) =>
  run.logs.some((l) => l.message.includes(`"held":${JSON.stringify(TIME_LIMIT_HOLD)}`));

interface BatonPhase extends PerEmail {
  /** At each cost row's mean, plus the time no row charges. */
  expectedMsPerEmail: number;
  sendShareOfEachRun: number[];
  minSendShare: number;
  msPerEmailByCostKey: Record<string, number>;
}

/**
 * What Baton's sending runs of one phase cost, per email, measured hour by hour until `goal`
 * emails went out; only the runs `keep` accepts are counted.
 */
function batonPhase(
  sim: BatonWorld,
  recorder: CostRecorder,
  hours: number,
  goal: number,
  keep: (run: ExecutionResult) => boolean = () => true,
): BatonPhase {
  const shares: number[] = [];
  const msByCostKey: Record<string, number> = {};
  let expectedMs = 0;
  const before = sim.sentByBaton(OWNER).length;
  recorder.take();
  recorder.takeExpected();
  const runs = runBatonHours(sim, hours, undefined, (fired) => {
    const ms = recorder.take();
    const expected = recorder.takeExpected();
    const counted = fired.filter((run) => sendsOf([run]) > 0 && keep(run));
    if (counted.length > 0) {
      // Time no cost row charges (sleeps, lock waits) is the same at the mean as drawn.
      expectedMs += expected + sumOf(fired.map((r) => r.simulatedMs)) - sumOf(Object.values(ms));
      for (const run of counted) shares.push(sendShare(ms, run.simulatedMs));
      for (const [key, n] of Object.entries(ms)) msByCostKey[key] = (msByCostKey[key] ?? 0) + n;
    }
    return sim.sentByBaton(OWNER).length - before < goal;
  });
  const sending = runs.filter((r) => sendsOf([r]) > 0 && keep(r));
  const per = perEmail(sending, sendsOf(sending));
  return {
    ...per,
    expectedMsPerEmail: round(expectedMs / per.sent),
    sendShareOfEachRun: shares,
    minSendShare: Math.min(...shares),
    msPerEmailByCostKey: Object.fromEntries(
      Object.entries(msByCostKey)
        .sort(([, a], [, b]) => b - a)
        .map(([key, ms]) => [key, round(ms / per.sent)]),
    ),
  };
}

/**
 * Baton and both baselines send step 1 to the same candidates, as many as one 6-minute run of
 * each sends (the mail-merge has no time budget: more would be killed mid-run); per-email cost of
 * each. Baton's follow-ups, a week later, are measured the same way.
 */
function sideBySide() {
  const count = SIDE_BY_SIDE_CANDIDATES;
  const baton = launchBaton({ seed: SEED, kind: 'workspace', count, project });
  const recorder = new CostRecorder(baton.sim.world);
  const firstSteps = batonPhase(baton.sim, recorder, 12, count);
  baton.sim.world.advance(6 * DAY);
  const followUps = batonPhase(baton.sim, recorder, 48, count);
  const result: Record<string, unknown> = {
    candidates: count,
    baton: { ...firstSteps, followUps },
  };
  for (const name of ['mail-merge', 'naive-sequencer'] as BaselineName[]) {
    let baseRecorder: CostRecorder | undefined;
    const base = runBaseline({
      name,
      seed: SEED,
      kind: 'workspace',
      count,
      hours: 12,
      done: (b) => sentLetters(b.world).length >= count,
      watch: (world) => void (baseRecorder = new CostRecorder(world)),
    });
    const per = perEmail(base.runs, sentLetters(base.world).length);
    const uncharged =
      sumOf(base.runs.map((r) => r.simulatedMs)) - sumOf(Object.values(baseRecorder!.take()));
    const expectedMsPerEmail = round((baseRecorder!.takeExpected() + uncharged) / per.sent);
    result[name] = {
      ...per,
      expectedMsPerEmail,
      errors: base.runs.filter((r) => r.error).map((r) => r.error),
      batonRatio: {
        msPerEmail: round(firstSteps.msPerEmail / per.msPerEmail, 3),
        expectedMsPerEmail: round(firstSteps.expectedMsPerEmail / expectedMsPerEmail, 3),
        callsPerEmail: round(firstSteps.callsPerEmail / per.callsPerEmail),
      },
    };
  }
  return result;
}

/**
 * Full runs, the ones the per-run targets are about: a backlog of first steps, then of follow-ups,
 * each run sending until its time is up (the backlog's last run, with what is left, is not one).
 */
function fullRuns() {
  const count = FULL_RUN_CANDIDATES;
  const baton = launchBaton({ seed: SEED + 4, kind: 'workspace', count, project });
  const recorder = new CostRecorder(baton.sim.world);
  const firstSteps = batonPhase(baton.sim, recorder, 12, count, cutShort);
  baton.sim.world.advance(5 * DAY);
  const followUps = batonPhase(baton.sim, recorder, 48, count, cutShort);
  return { candidates: count, firstSteps, followUps };
}

const scriptCalls = (runs: ExecutionResult[]) =>
  runs.reduce((n, r) => n + perEmail([r], 1).callsPerEmail, 0);

type Sender = 'baton' | BaselineName;

/** One sender on its own world with the same candidates; returns its runs and letters. */
function runSender(
  sender: Sender,
  seed: number,
  count: number,
  faults?: (world: World) => FaultPlan,
) {
  if (sender === 'baton') {
    const { sim } = launchBaton({ seed, kind: 'workspace', count, project });
    const runs = runBatonHours(sim, 48, faults, (fired) => {
      const reached = new Set(sentLetters(sim.world).map((l) => l.to)).size;
      return !(reached >= count && fired.some((r) => !r.killed));
    });
    return { runs, letters: sentLetters(sim.world) };
  }
  const base = runBaseline({
    name: sender,
    seed,
    kind: 'workspace',
    count,
    hours: 48,
    faults,
    done: (b) => new Set(sentLetters(b.world).map((l) => l.to)).size >= count,
  });
  return { runs: base.runs, letters: sentLetters(base.world) };
}

/**
 * Runs die at a random call of what a clean run of the same sender makes (so kills land anywhere
 * in a run) until KILLED_RUNS kills landed; duplicates are letters with the same recipient and
 * subject, counted the same way for all three.
 */
function underKills() {
  const count = KILL_CANDIDATES;
  const result: Record<string, unknown> = {};
  for (const sender of ['baton', 'mail-merge', 'naive-sequencer'] as Sender[]) {
    const clean = runSender(sender, SEED + 1, count);
    const maxCall = Math.max(...clean.runs.map((r) => scriptCalls([r])));
    const { runs, letters } = runSender(
      sender,
      SEED + 1,
      count,
      killPlans(SEED, KILLED_RUNS, maxCall),
    );
    const keys = letters.map((l) => `${l.to}|${l.subject}`);
    result[sender] = {
      killAtCallUpTo: maxCall,
      runs: runs.length,
      killedRuns: runs.filter((r) => r.killed).length,
      candidatesReached: new Set(letters.map((l) => l.to)).size,
      sent: keys.length,
      duplicates: duplicatesAmong(keys),
    };
  }
  return result;
}

const quotaErrorsIn = (runs: ExecutionResult[]) =>
  runs.filter((e) =>
    /too many times for one day: email/.test(
      `${e.error ?? ''} ${e.logs.map((l) => l.message).join(' ')}`,
    ),
  ).length;

/** Most sends inside any 24 h window (the quota's window opens at the first use). */
function mostIn24h(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= DAY) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/** A backlog bigger than the daily quota; card actions timed on the same world. */
function backlogAndCards() {
  const backlog: Record<string, unknown> = {};
  const cards: Record<string, number[]> = {};
  const time = (action: string, result: ExecutionResult) =>
    (cards[action] ??= []).push(result.simulatedMs);
  for (const kind of ['consumer', 'workspace'] as AccountKind[]) {
    const count = BACKLOG[kind];
    const baton = launchBaton({
      seed: SEED + 2,
      kind,
      count,
      project,
      onAction: kind === 'workspace' ? time : undefined,
    });
    const runs = runBatonHours(baton.sim, 30);
    const times = baton.sim.sentByBaton(OWNER).map((m) => m.internalDate);
    const first = Math.min(...times);
    const limit = DAILY_LIMITS[kind].emailRecipients;
    const inFirstWindow = times.filter((t) => t < first + DAY).length;
    const perRun = runs.map((r) => sendsOf([r])).filter((n) => n > 0);
    backlog[kind] = {
      candidates: count,
      dailyQuota: limit,
      sentInFirstQuotaWindow: inFirstWindow,
      quotaShare: round(inFirstWindow / limit, 4),
      mostInAny24h: mostIn24h(times),
      quotaErrors: quotaErrorsIn(runs),
      maxEmailsPerRun: Math.max(...perRun),
      emailsPerRun: perRun,
      longestRunMs: Math.max(...runs.map((r) => r.simulatedMs)),
    };
    if (kind === 'workspace') {
      const { sim, spreadsheetId, campaignId } = baton;
      const home = sim.world.run({
        project,
        as: OWNER,
        fn: 'onSheetsHomepage',
        kind: 'homepage',
        host: { app: 'sheets', activeSpreadsheetId: spreadsheetId },
      });
      time('(sheets homepage)', home);
      const forms: Record<string, Record<string, string>> = {
        'campaign.preview': { row: '2', step: '1' },
      };
      for (const action of CARD_ACTIONS_AFTER_RUN)
        sim.act(OWNER, spreadsheetId, action, { id: campaignId, spreadsheetId }, forms[action]);
    }
  }
  return { backlog, cards: { candidates: BACKLOG.workspace, simulatedMs: cards } };
}

/** Reply scan reads with many active threads and a handful of new replies; store bytes. */
function scanAndStore() {
  const scan: Record<string, unknown>[] = [];
  for (const size of SCAN_SIZES) {
    const baton = launchBaton({ seed: SEED + 3, kind: 'workspace', count: size, project });
    const { sim } = baton;
    sim.world.quotas.overrides.workspace = { emailRecipients: 1_000_000 };
    const bytesAtLaunch = sim.storeBytes(OWNER);
    runBatonHours(sim, 24 * 5, undefined, () => sim.sentByBaton(OWNER).length < size);
    // Idle runs first read ahead the Message-IDs the follow-ups will need (50 threads a batch
    // request, once per thread): sending's preparation, not the scan's; counted apart.
    let readAheadRuns = 0;
    let readAheadFetches = 0;
    runBatonHours(sim, 24, undefined, (fired) => {
      const fetches = fired.reduce((n, r) => n + (r.methods['UrlFetchApp.fetch'] ?? 0), 0);
      readAheadFetches += fetches;
      if (fetches > 0) readAheadRuns++;
      return fetches > 0;
    });
    const tick = () => {
      const before = sim.world.remainingQuota(OWNER, 'emailReadWrite');
      const [run] = runBatonHours(sim, 1);
      const reads = Object.entries(run.methods).filter(([k]) => isGmailRead(k));
      return {
        gmailReads: reads.reduce((n, [, v]) => n + v, 0),
        gmailReadMethods: Object.fromEntries(reads),
        gmailQuotaUsed: before - sim.world.remainingQuota(OWNER, 'emailReadWrite'),
        simulatedMs: run.simulatedMs,
        sent: sendsOf([run]),
      };
    };
    const quiet = tick();
    for (let i = 1; i <= NEW_REPLIES; i++) {
      const box = sim.world.mail.mailbox(candidateAddress(i * Math.floor(size / NEW_REPLIES)));
      const received = [...box.messages.values()].find((m) => messageHeader(m, 'X-Baton-Key'));
      if (received) box.reply(received.id, { text: 'Thanks, I would like to hear more.' });
    }
    const withReplies = tick();
    const active = sim.sentByBaton(OWNER).length;
    const bytes = sim.storeBytes(OWNER);
    scan.push({
      activeThreads: active,
      readAhead: { runs: readAheadRuns, batchRequests: readAheadFetches },
      quietTick: quiet,
      tickWithNewReplies: { newReplies: NEW_REPLIES, ...withReplies },
      store: {
        bytesAtLaunch,
        bytesWithActive: bytes,
        bytesPerActiveCandidate: round((bytes - bytesAtLaunch) / active),
      },
    });
    log(`scan ${size} done`);
  }
  const largest = scan[scan.length - 1].store as {
    bytesAtLaunch: number;
    bytesPerActiveCandidate: number;
  };
  return {
    scan,
    naiveSequencerScan: NAIVE_SCAN_SIZES.map(naiveScan),
    store: {
      limitBytes: STORE_LIMIT_BYTES,
      bytesPerActiveCandidate: largest.bytesPerActiveCandidate,
      mostActiveCandidates: Math.floor(
        (STORE_LIMIT_BYTES - largest.bytesAtLaunch) / largest.bytesPerActiveCandidate,
      ),
    },
  };
}

/** The naive sequencer's run once every candidate has its thread: its reads follow the threads. */
function naiveScan(size: number) {
  const base = runBaseline({
    name: 'naive-sequencer',
    seed: SEED + 3,
    kind: 'workspace',
    count: size,
    hours: 12,
    done: (b) => sentLetters(b.world).length >= size,
  });
  const run = base.world.run({
    project: base.project,
    as: OWNER,
    fn: 'tick',
    kind: 'trigger',
    event: { spreadsheetId: base.spreadsheetId, tab: 'Candidates', steps: [] },
  });
  const reads = Object.entries(run.methods).filter(([k]) => isGmailRead(k));
  return {
    activeThreads: sentLetters(base.world).length,
    gmailReads: reads.reduce((n, [, v]) => n + v, 0),
    simulatedMs: run.simulatedMs,
  };
}

function bundle() {
  const source = readFileSync('dist/Code.js', 'utf8');
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = process.hrtime.bigint();
    new vm.Script(source, { filename: `Code-${i}.js` }).runInContext(vm.createContext({}));
    loads.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  loads.sort((a, b) => a - b);
  return {
    bytes: statSync('dist/Code.js').size,
    loadMsMedian: round(loads[2]),
    loadMsAll: loads.map((n) => round(n)),
  };
}

const results: Record<string, unknown> = { seed: SEED, generatedBy: 'npm run bench' };
results.bundle = bundle();
log('bundle done');
results.sideBySide = sideBySide();
log('side by side done');
results.fullRuns = fullRuns();
log('full runs done');
results.underKills = underKills();
log('kills done');
Object.assign(results, backlogAndCards());
log('backlog and cards done');
Object.assign(results, scanAndStore());
log('scan and store done');
results.wallSeconds = Math.round((Date.now() - wallStart) / 1000);
writeFileSync(path.join('bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
const table = markdownTable(tableRows(JSON.parse(JSON.stringify(results))));
console.log(`\n${table}\n`);
const doc = path.join('docs', 'performance.md');
if (existsSync(doc) && writeTableInto(doc, table)) {
  execSync(`npx prettier --write ${doc}`, { stdio: 'ignore' });
  log(`table written into ${doc}`);
}
log('results in bench/results.json');
