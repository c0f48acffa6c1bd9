// A scenario (users, a campaign, how candidates behave, faults, days) run on the emulator with
// Baton's built bundle, and the summary counted from the world afterwards. docs/simulate.md
// documents the format.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../emulator';
import type { AccountKind, FaultPlan } from '../emulator';
import type { StoredMessage } from '../emulator/gmail/mail-system';
import {
  BatonWorld,
  DAY,
  generatedCandidates,
  HOUR,
  messageHeader,
  type StepSpec,
} from './baton-world';

export interface Scenario {
  name: string;
  seed?: number;
  /** ISO time the world starts at. */
  start: string;
  days: number;
  users: { email: string; name?: string; kind?: AccountKind; timeZone?: string }[];
  campaign: {
    owner: string;
    steps: StepSpec[];
    timeZone: string;
    window?: { start: string; end: string };
    weekdays?: string[];
    dailyCap: number;
    /** How many generated candidates, or a CSV file (header row first, address first). */
    candidates: number | { csv: string };
  };
  /** Shares of candidates (0..1) by what they do; the rest never answer. */
  behaviour?: {
    interested?: number;
    notInterested?: number;
    neutral?: number;
    optOut?: number;
    away?: number;
    bounceHard?: number;
    bounceSoft?: number;
    /** A replying candidate answers this many hours after the step they answer (min, max). */
    replyAfterHours?: [number, number];
  };
  faults?: {
    /** Share of executions killed at a random service call. */
    killShare?: number;
    /** Share of Gmail, Sheets and Properties calls that fail with a transient server error. */
    transientShare?: number;
    /** Share of executions into which a second tick of the same user is started. */
    overlapShare?: number;
  };
}

export interface Summary {
  scenario: string;
  seed: number;
  candidates: number;
  sent: number;
  sentByStep: number[];
  duplicates: number;
  sentAfterStop: number;
  repliesDelivered: number;
  repliesLogged: number;
  quotaErrors: number;
  unfinished: { count: number; reasons: Record<string, number> };
  maxStoreBytes: number;
  executions: number;
  executionsOverLimit: number;
  executionsKilledByFaults: number;
  triggerMinutesPerDay: number;
}

type Fate =
  | 'silent'
  | 'interested'
  | 'notInterested'
  | 'neutral'
  | 'optOut'
  | 'away'
  | 'bounceHard'
  | 'bounceSoft';

const REPLY_TEXT: Partial<Record<Fate, string>> = {
  interested: 'Yes, I would love to hear more. Could we talk on Thursday?',
  notInterested: 'Thanks for thinking of me, but I am not interested in a move right now.',
  neutral: 'What is the salary range for this role?',
  optOut: 'Please remove me from your mailing list and do not contact me again.',
};
const STOPPING: Fate[] = ['interested', 'notInterested', 'neutral', 'optOut', 'bounceHard'];

interface Candidate {
  address: string;
  fate: Fate;
  /** The step a replying candidate answers (1-based). */
  answersStep: number;
  replyAfterMs: number;
  repliedAt?: number;
}

export function readScenario(file: string): Scenario {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const problems = validateScenario(scenario);
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return scenario;
}

export function validateScenario(s: Scenario): string[] {
  const problems: string[] = [];
  if (!s.name) problems.push('name is missing');
  if (Number.isNaN(Date.parse(s.start))) problems.push('start is not an ISO time');
  if (!(s.days > 0)) problems.push('days must be a positive number');
  if (!s.users?.some((u) => u.email === s.campaign?.owner))
    problems.push('campaign.owner must be one of users');
  if (!s.campaign?.steps?.length) problems.push('campaign.steps needs at least one step');
  const shares = Object.entries(s.behaviour ?? {}).filter(([k]) => k !== 'replyAfterHours');
  const total = shares.reduce((n, [, v]) => n + Number(v), 0);
  if (total > 1) problems.push(`behaviour shares add up to ${total}, more than 1`);
  return problems;
}

function candidateRows(scenario: Scenario): unknown[][] {
  const spec = scenario.campaign.candidates;
  if (typeof spec === 'number') return generatedCandidates(spec);
  return readFileSync(spec.csv, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(',').map((cell) => cell.trim()));
}

function drawFates(scenario: Scenario, addresses: string[], random: () => number): Candidate[] {
  const b = scenario.behaviour ?? {};
  const order: [Fate, number][] = [
    ['interested', b.interested ?? 0],
    ['notInterested', b.notInterested ?? 0],
    ['neutral', b.neutral ?? 0],
    ['optOut', b.optOut ?? 0],
    ['away', b.away ?? 0],
    ['bounceHard', b.bounceHard ?? 0],
    ['bounceSoft', b.bounceSoft ?? 0],
  ];
  const [minH, maxH] = b.replyAfterHours ?? [1, 48];
  const steps = scenario.campaign.steps.length;
  return addresses.map((address) => {
    let roll = random();
    let fate: Fate = 'silent';
    for (const [name, share] of order) {
      if (roll < share) {
        fate = name;
        break;
      }
      roll -= share;
    }
    return {
      address,
      fate,
      answersStep: 1 + Math.floor(random() * steps),
      replyAfterMs: (minH + random() * (maxH - minH)) * HOUR,
    };
  });
}

function faultPlan(scenario: Scenario, random: () => number): FaultPlan {
  const f = scenario.faults ?? {};
  const plan: FaultPlan = {};
  if (f.killShare && random() < f.killShare) plan.killAtCall = 1 + Math.floor(random() * 120);
  if (f.transientShare)
    plan.transient = ['Gmail', 'SpreadsheetApp', 'PropertiesService'].map((service) => ({
      service,
      share: f.transientShare ?? 0,
    }));
  if (f.overlapShare && random() < f.overlapShare)
    plan.overlap = { atCall: 1 + Math.floor(random() * 60), fn: 'onTick' };
  return plan;
}

const stepOf = (m: StoredMessage) => {
  const key = messageHeader(m, 'X-Baton-Key');
  return Number(key.slice(key.lastIndexOf('.') + 1));
};
const addressOf = (header: string) =>
  (/<([^>]+)>/.exec(header)?.[1] ?? header).trim().toLowerCase();

/** Runs a scenario hour by hour and counts what happened. */
export function simulate(
  scenario: Scenario,
  seed?: number,
  project?: BatonWorld['project'],
): Summary {
  return runScenario(scenario, seed, project).summary;
}

/** The same, keeping the world for whoever wants to look further. */
export function runScenario(
  scenario: Scenario,
  seedOverride?: number,
  project?: BatonWorld['project'],
): { summary: Summary; sim: BatonWorld; spreadsheetId: string } {
  const seed = seedOverride ?? scenario.seed ?? 1;
  const random = seededRandom(seed * 7919 + 13);
  const sim = new BatonWorld({ seed, start: scenario.start }, project);
  const { world } = sim;
  for (const u of scenario.users)
    world.addUser({
      email: u.email,
      name: u.name,
      kind: u.kind ?? 'workspace',
      timeZone: u.timeZone,
    });

  const rows = candidateRows(scenario);
  const candidates = drawFates(
    scenario,
    rows.slice(1).map((r) => String(r[0]).toLowerCase()),
    random,
  );
  for (const c of candidates) {
    if (c.fate === 'bounceHard') continue; // no such mailbox: delivery bounces
    const box = world.mail.createMailbox(c.address);
    if (c.fate === 'bounceSoft') box.rejectNext('soft');
    if (c.fate === 'away')
      box.setAutoReply({
        subject: 'Out of office',
        body: 'I am away and will be back next week. I will reply when I return.',
        until: world.now() + (2 + Math.floor(random() * 7)) * DAY,
      });
  }

  const { owner } = scenario.campaign;
  const { spreadsheetId, campaignId } = sim.createCampaign({
    owner,
    name: scenario.name,
    steps: scenario.campaign.steps,
    timeZone: scenario.campaign.timeZone,
    window: scenario.campaign.window ?? { start: '9:00', end: '17:00' },
    weekdays: scenario.campaign.weekdays ?? ['1', '2', '3', '4', '5'],
    dailyCap: scenario.campaign.dailyCap,
    rows,
  });
  sim.launch(owner, spreadsheetId, campaignId);
  const executionsBefore = world.executions.length;

  let maxStoreBytes = sim.storeBytes(owner);
  const hours = Math.round(scenario.days * 24);
  for (let h = 0; h < hours; h++) {
    world.faults = faultPlan(scenario, random);
    world.advance(HOUR);
    world.faults = {};
    maxStoreBytes = Math.max(maxStoreBytes, sim.storeBytes(owner));
    answerAsCandidates(sim, candidates);
  }

  const summary = summarize(
    sim,
    scenario,
    seed,
    candidates,
    spreadsheetId,
    executionsBefore,
    maxStoreBytes,
  );
  return { summary, sim, spreadsheetId };
}

/** Candidates whose time has come answer the step they answer, from their own mailbox. */
function answerAsCandidates(sim: BatonWorld, candidates: Candidate[]): void {
  const now = sim.world.now();
  for (const c of candidates) {
    if (c.repliedAt !== undefined || !REPLY_TEXT[c.fate]) continue;
    const box = sim.world.mail.mailbox(c.address);
    const answered = [...box.messages.values()].find(
      (m) => messageHeader(m, 'X-Baton-Key') !== '' && stepOf(m) === c.answersStep,
    );
    if (!answered || answered.internalDate + c.replyAfterMs > now) continue;
    box.reply(answered.id, { text: REPLY_TEXT[c.fate] ?? '' });
    c.repliedAt = now;
  }
}

function summarize(
  sim: BatonWorld,
  scenario: Scenario,
  seed: number,
  candidates: Candidate[],
  spreadsheetId: string,
  executionsBefore: number,
  maxStoreBytes: number,
): Summary {
  const { world } = sim;
  const owner = scenario.campaign.owner;
  const sent = sim.sentByBaton(owner);
  const steps = scenario.campaign.steps.length;
  const sentByStep = Array.from(
    { length: steps },
    (_, i) => sent.filter((m) => stepOf(m) === i + 1).length,
  );
  const keys = sent.map((m) => messageHeader(m, 'X-Baton-Key'));
  const duplicates = keys.length - new Set(keys).size;

  const ticks = world.executions.slice(executionsBefore).filter((e) => e.kind === 'trigger');
  const completedTicks = ticks.filter((e) => e.user === owner && !e.error && !e.killed);
  /** When Baton had certainly seen what arrived at `t`: the end of the first whole tick begun after it. */
  const seenBy = (t: number) =>
    completedTicks
      .filter((e) => e.startedAt >= t)
      .map((e) => e.startedAt + e.simulatedMs)
      .reduce<number | undefined>(
        (min, end) => (min === undefined || end < min ? end : min),
        undefined,
      );

  const ownerBox = world.mail.mailbox(owner);
  const inbound = [...ownerBox.messages.values()].filter(
    (m) => !m.labelIds.has('SENT') && !m.labelIds.has('DRAFT'),
  );
  const campaignThreads = new Set(sent.map((m) => m.threadId));
  const repliesDelivered = inbound.filter((m) => campaignThreads.has(m.threadId)).length;
  const repliesLogged = Math.max(0, sim.tab(spreadsheetId, 'Replies').length - 1);

  let sentAfterStop = 0;
  const stopTimes = new Map<string, number>();
  for (const c of candidates) {
    let stopAt: number | undefined;
    if (c.repliedAt !== undefined) stopAt = seenBy(c.repliedAt);
    if (c.fate === 'bounceHard') {
      const firstBounce = inbound
        .filter(
          (m) =>
            /mailer-daemon/i.test(messageHeader(m, 'From')) &&
            messageHeader(m, 'X-Failed-Recipients').toLowerCase().includes(c.address),
        )
        .map((m) => m.internalDate)
        .sort((a, b) => a - b)[0];
      if (firstBounce !== undefined) stopAt = seenBy(firstBounce);
    }
    if (stopAt === undefined) continue;
    stopTimes.set(c.address, stopAt);
    sentAfterStop += sent.filter(
      (m) => addressOf(messageHeader(m, 'To')) === c.address && m.internalDate > stopAt!,
    ).length;
  }

  const reasons: Record<string, number> = {};
  const statusRows = sim.tab(spreadsheetId, 'Candidates');
  const header = statusRows[0] ?? [];
  const stateColumn = header.indexOf('Baton state');
  for (const c of candidates) {
    const got = new Set(
      sent.filter((m) => addressOf(messageHeader(m, 'To')) === c.address).map(stepOf),
    );
    const done = got.size === steps;
    const stopped =
      STOPPING.includes(c.fate) && (stopTimes.has(c.address) || c.fate === 'bounceHard');
    if (done || stopped) continue;
    const row = statusRows.find((r) => String(r[0]).toLowerCase() === c.address);
    const reason = (stateColumn >= 0 && row?.[stateColumn]) || `sent ${got.size} of ${steps} steps`;
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }

  const overLimit = ticks.filter(
    (e) =>
      e.simulatedMs > 6 * 60_000 || ((e.error ?? '').includes('Exceeded maximum') && !e.killed),
  );
  const quotaErrors = world.executions
    .slice(executionsBefore)
    .filter((e) =>
      /too many times for one day|too much computer time/.test(
        `${e.error ?? ''} ${e.logs.map((l) => l.message).join(' ')}`,
      ),
    ).length;
  const triggerMs = ticks.reduce((n, e) => n + e.simulatedMs, 0);

  return {
    scenario: scenario.name,
    seed,
    candidates: candidates.length,
    sent: sent.length,
    sentByStep,
    duplicates,
    sentAfterStop,
    repliesDelivered,
    repliesLogged,
    quotaErrors,
    unfinished: { count: Object.values(reasons).reduce((a, b) => a + b, 0), reasons },
    maxStoreBytes,
    executions: world.executions.length - executionsBefore,
    executionsOverLimit: overLimit.length,
    executionsKilledByFaults: ticks.filter((e) => e.killed).length,
    triggerMinutesPerDay: Math.round((triggerMs / 60_000 / scenario.days) * 10) / 10,
  };
}
