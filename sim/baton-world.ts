// Drives Baton's BUILT bundle on the emulator the way a person would: card actions as the owner,
// candidates who reply from their own mailboxes, and the clock that fires the hourly triggers.
// The simulator, the soak and the benchmarks share it; every figure they report is counted here
// from the world (mailboxes, sheets, stores, executions), never assumed.
import { loadProject, World, type ExecutionResult, type Project } from '../emulator';
import { messageHeader, type StoredMessage } from '../emulator/gmail/mail-system';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const TAB = 'Candidates';

/** dist/ as built; a concurrent rebuild (rollup empties dist/ first) is waited out briefly. */
export function loadBuiltBaton(dir = process.env.BATON_DIST ?? 'dist'): Project {
  for (let attempt = 1; ; attempt++) {
    try {
      const project = loadProject(dir);
      if (project.files.some((f) => f.source.length > 1000)) return project;
    } catch (error) {
      if (attempt >= 120) throw error;
    }
    if (attempt >= 120) throw new Error(`${dir}/ holds no built Code.js: run npm run build.`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
}

/** A header row and `count` generated candidates: cand<i>@talent.example, Name<i>, Co<i>, extras. */
export function generatedCandidates(
  count: number,
  extra: (i: number) => unknown[] = () => [],
): unknown[][] {
  const rows: unknown[][] = [['Email', 'First name', 'Company']];
  for (let i = 1; i <= count; i++)
    rows.push([`cand${i}@talent.example`, `Name${i}`, `Co${i}`, ...extra(i)]);
  return rows;
}

export interface StepSpec {
  subject: string;
  text: string;
  html?: string;
  delayDays: number;
}

export interface CampaignSpec {
  owner: string;
  name: string;
  steps: StepSpec[];
  timeZone: string;
  window: { start: string; end: string };
  /** ISO weekdays as Baton's settings card takes them: '0' Sunday … '6' Saturday. */
  weekdays: string[];
  dailyCap: number;
  /** Header row first; the first column is the address. */
  rows: unknown[][];
}

/** One campaign launched through Baton's cards, with the counts the simulator reads back. */
export class BatonWorld {
  readonly world: World;
  readonly project: Project;
  /** Called with every card action's execution (the bench times each action with it). */
  onAction?: (action: string, result: ExecutionResult) => void;

  constructor(options: { seed: number; start: number | string }, project = loadBuiltBaton()) {
    this.world = new World({ seed: options.seed, start: options.start });
    this.project = project;
  }

  /** A card action as `as` in Sheets; a refusal shown as an error card throws. */
  act(
    as: string,
    spreadsheetId: string,
    action: string,
    params: Record<string, string> = {},
    form: Record<string, string | string[]> = {},
  ): ExecutionResult {
    const result = this.world.run({
      project: this.project,
      as,
      fn: 'onCardAction',
      kind: 'action',
      host: { app: 'sheets', activeSpreadsheetId: spreadsheetId },
      parameters: { action, ...params },
      formInputs: form,
    });
    this.onAction?.(action, result);
    if (result.error) throw new Error(`${action} as ${as}: ${result.error}`);
    const shown = JSON.stringify(result.value ?? '');
    if (/Something needs your attention|Something went wrong/.test(shown))
      throw new Error(`${action} as ${as} was refused: ${shown.slice(0, 400)}`);
    return result;
  }

  /** Creates the campaign from a new spreadsheet through the cards; returns its ids. */
  createCampaign(spec: CampaignSpec): { spreadsheetId: string; campaignId: string } {
    const spreadsheetId = this.world.createSpreadsheet({
      owner: spec.owner,
      name: spec.name,
      tabs: { [TAB]: spec.rows },
    });
    const before = new Set(this.campaignIds(spec.owner));
    this.act(
      spec.owner,
      spreadsheetId,
      'campaign.create',
      { spreadsheetId },
      { tab: TAB, name: spec.name },
    );
    const campaignId = this.campaignIds(spec.owner).find((id) => !before.has(id));
    if (!campaignId) throw new Error('campaign.create stored no campaign');
    spec.steps.forEach((step, index) =>
      this.act(
        spec.owner,
        spreadsheetId,
        'campaign.saveStep',
        { id: campaignId, index: String(index) },
        {
          subject: step.subject,
          text: step.text,
          html: step.html ?? '',
          delayDays: String(step.delayDays),
        },
      ),
    );
    this.act(
      spec.owner,
      spreadsheetId,
      'campaign.saveSettings',
      { id: campaignId },
      {
        timeZone: spec.timeZone,
        windowStart: spec.window.start,
        windowEnd: spec.window.end,
        weekdays: spec.weekdays,
        dailyCap: String(spec.dailyCap),
        startDate: new Date(this.world.now()).toISOString().slice(0, 10),
      },
    );
    return { spreadsheetId, campaignId };
  }

  launch(owner: string, spreadsheetId: string, campaignId: string): void {
    this.act(owner, spreadsheetId, 'campaign.launch', { id: campaignId });
  }

  /** Ids of the campaigns in a user's store (keys `b1.c.<id>`). */
  campaignIds(email: string): string[] {
    return Object.keys(this.world.store(this.project, 'user', email))
      .filter((k) => /^b1\.c\.[^.]+$/.test(k))
      .map((k) => k.slice('b1.c.'.length));
  }

  /** Bytes of a user's property store as Apps Script counts them (keys and values). */
  storeBytes(email: string): number {
    const store = this.world.store(this.project, 'user', email);
    return Object.entries(store).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0);
  }

  /** Every message Baton sent from a mailbox (it carries Baton's X-Baton-Key), oldest first. */
  sentByBaton(sender: string): StoredMessage[] {
    const box = this.world.mail.mailbox(sender);
    return [...box.messages.values()]
      .filter((m) => m.labelIds.has('SENT') && messageHeader(m, 'X-Baton-Key') !== '')
      .sort((a, b) => a.internalDate - b.internalDate);
  }

  /** Rows of a tab (header first), as strings. */
  tab(spreadsheetId: string, name: string): string[][] {
    const tab = this.world.sheets.get(spreadsheetId)?.tabs.find((t) => t.name === name);
    return (tab?.rows ?? []).map((r) =>
      r.map((c) => (c instanceof Date ? c.toISOString() : String(c ?? ''))),
    );
  }
}

export const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');
export { messageHeader, TAB as CANDIDATES_TAB };
