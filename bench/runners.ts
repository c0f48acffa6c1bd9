// Builds the bench's worlds: Baton launched through its cards (sim/baton-world.ts) and the two
// baselines (bench/baselines/*) on the same candidates, cost model and fault plans, run hour by hour.
import path from 'node:path';
import {
  loadProject,
  seededRandom,
  type AccountKind,
  type ExecutionResult,
  type FaultPlan,
  type Project,
  type World,
} from '../emulator';
import {
  BatonWorld,
  HOUR,
  CANDIDATES_TAB,
  messageHeader as header,
  type StepSpec,
} from '../sim/baton-world';

export const OWNER = 'rita@acme.example';
export const START = '2026-03-02T00:30:00Z';
export const STEPS: StepSpec[] = [
  {
    subject: 'A backend role for you, {{First name}}',
    text: 'Hi {{First name}},\n\nWould you be open to a chat about a backend role?\n\nRita',
    delayDays: 0,
  },
  { subject: '', text: 'Hi {{First name}}, a quick follow-up on my note.', delayDays: 7 },
];
export type BaselineName = 'mail-merge' | 'naive-sequencer';
export const BASELINES: Record<BaselineName, { fn: string }> = {
  'mail-merge': { fn: 'sendAll' },
  'naive-sequencer': { fn: 'tick' },
};

export const candidateAddress = (i: number) => `cand${i}@talent.example`;

/** Header row first; baselines get the Status column their algorithm writes. */
export function candidateRows(count: number, withStatus: boolean): unknown[][] {
  const rows: unknown[][] = [
    withStatus ? ['Email', 'First name', 'Status'] : ['Email', 'First name'],
  ];
  for (let i = 1; i <= count; i++)
    rows.push(
      withStatus ? [candidateAddress(i), `Name${i}`, ''] : [candidateAddress(i), `Name${i}`],
    );
  return rows;
}

/** Runs die at a random call up to `maxCall` until `kills` kills have landed in the world. */
export function killPlans(
  seed: number,
  kills: number,
  maxCall: number,
): (world: World) => FaultPlan {
  const random = seededRandom(seed * 104729 + 7);
  return (world) =>
    world.executions.filter((e) => e.killed).length < kills
      ? { killAtCall: 1 + Math.floor(random() * maxCall) }
      : {};
}

export interface BatonRun {
  sim: BatonWorld;
  spreadsheetId: string;
  campaignId: string;
}

/** Baton with `count` candidates, launched through the cards, sending all day every day. */
export function launchBaton(options: {
  seed: number;
  kind: AccountKind;
  count: number;
  project?: Project;
  dailyCap?: number;
  onAction?: BatonWorld['onAction'];
}): BatonRun {
  const sim = new BatonWorld({ seed: options.seed, start: START }, options.project);
  sim.onAction = options.onAction;
  sim.world.addUser({
    email: OWNER,
    name: 'Rita Recruiter',
    kind: options.kind,
    timeZone: 'Etc/UTC',
  });
  for (let i = 1; i <= options.count; i++) sim.world.mail.createMailbox(candidateAddress(i));
  const { spreadsheetId, campaignId } = sim.createCampaign({
    owner: OWNER,
    name: 'Bench',
    steps: STEPS,
    timeZone: 'Etc/UTC',
    window: { start: '0:00', end: '23:59' },
    weekdays: ['0', '1', '2', '3', '4', '5', '6'],
    dailyCap: options.dailyCap ?? 2000,
    rows: candidateRows(options.count, false),
  });
  sim.launch(OWNER, spreadsheetId, campaignId);
  return { sim, spreadsheetId, campaignId };
}

/** Advances Baton's world hour by hour; returns the owner's trigger runs. `each` sees every hour. */
export function runBatonHours(
  sim: BatonWorld,
  hours: number,
  faults: (world: World) => FaultPlan = () => ({}),
  each?: (runs: ExecutionResult[]) => boolean | void,
): ExecutionResult[] {
  const runs: ExecutionResult[] = [];
  for (let h = 0; h < hours; h++) {
    sim.world.faults = faults(sim.world);
    const fired = sim.world.advance(HOUR).filter((e) => e.user === OWNER && e.kind === 'trigger');
    sim.world.faults = {};
    runs.push(...fired);
    if (each?.(fired) === false) break;
  }
  return runs;
}

export interface BaselineRun {
  world: BatonWorld['world'];
  project: Project;
  spreadsheetId: string;
  runs: ExecutionResult[];
}

/** A baseline on its own world with the same candidates, run once an hour like a trigger. */
export function runBaseline(options: {
  name: BaselineName;
  seed: number;
  kind: AccountKind;
  count: number;
  hours: number;
  faults?: (world: World) => FaultPlan;
  /** Stop once a run ends cleanly and this says the work is done. */
  done?: (run: BaselineRun) => boolean;
  /** Sees the world before the first run (e.g. to record its costs). */
  watch?: (world: World) => void;
}): BaselineRun {
  const project = loadProject(path.join(__dirname, 'baselines', options.name));
  const { world } = new BatonWorld({ seed: options.seed, start: START }, project);
  world.addUser({ email: OWNER, name: 'Rita Recruiter', kind: options.kind, timeZone: 'Etc/UTC' });
  for (let i = 1; i <= options.count; i++) world.mail.createMailbox(candidateAddress(i));
  const spreadsheetId = world.createSpreadsheet({
    owner: OWNER,
    name: `Bench ${options.name}`,
    tabs: { [CANDIDATES_TAB]: candidateRows(options.count, true) },
  });
  // The mail-merge sample reads its template from a Gmail draft with the step's subject.
  world.mail
    .mailbox(OWNER)
    .createDraft(
      `From: ${OWNER}\r\nSubject: ${STEPS[0].subject}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n${STEPS[0].text.replace(/\n/g, '\r\n')}\r\n`,
    );
  options.watch?.(world);
  const event = { spreadsheetId, tab: CANDIDATES_TAB, steps: STEPS };
  const run: BaselineRun = { world, project, spreadsheetId, runs: [] };
  for (let h = 0; h < options.hours; h++) {
    const result = world.run({
      project,
      as: OWNER,
      fn: BASELINES[options.name].fn,
      kind: 'trigger',
      event,
      faults: options.faults?.(world) ?? {},
    });
    run.runs.push(result);
    world.advance(HOUR);
    if (!result.error && options.done?.(run)) break;
  }
  return run;
}

/** Every email the owner's mailbox sent; recipient and subject (with its "Re:") tell steps apart. */
export function sentLetters(
  world: BatonWorld['world'],
): { to: string; subject: string; at: number }[] {
  const box = world.mail.mailbox(OWNER);
  return [...box.messages.values()]
    .filter((m) => m.labelIds.has('SENT'))
    .map((m) => ({
      to: header(m, 'To').toLowerCase(),
      subject: header(m, 'Subject'),
      at: m.internalDate,
    }));
}
