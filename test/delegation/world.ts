// Several users in one emulated Workspace running the BUILT bundle: a recruiter who owns a
// campaign, the colleague it is sent from, a third user, candidates with their own mailboxes,
// and helpers that click cards and open messages as any of them.
import { toAddOnJson } from '../../emulator/cards';
import { checkAddOnResultJson } from '../../emulator/fidelity/cards';
import { PropertyStores } from '../../emulator/services/properties';
import { World, type ExecutionKind, type HostContext } from '../../emulator';
import { loadBuiltBaton } from '../../sim/baton-world';
import type { Campaign, Step } from '../../src/core/campaign';
import { emptyProgress, emptyStore, encodeStore } from '../../src/core/store';

export const OWNER = 'rita@acme.com';
export const COLLEAGUE = 'sam@acme.com';
export const THIRD = 'eve@acme.com';
/** A verified send-as alias of the owner's mailbox. */
export const ALIAS = 'jobs@acme.com';
export const START = Date.parse('2026-03-02T08:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const STEPS: Step[] = [
  {
    subject: 'A role at Acme',
    text: 'Hi {{First name}}, would you talk to me?',
    html: '',
    delayDays: 0,
  },
  { subject: '', text: 'Hi {{First name}}, a quick follow-up.', html: '', delayDays: 2 },
];

export class DelegationWorld {
  readonly world = new World({ seed: 11, start: START });
  readonly project = loadBuiltBaton();
  readonly spreadsheetId: string;
  readonly candidates: string[];
  /** Simulated milliseconds of every card execution, by entry point and action. */
  readonly cardTimes: { what: string; ms: number; methods: Record<string, number> }[] = [];

  constructor(candidateCount = 3) {
    this.world.addUser({ email: OWNER, name: 'Rita', timeZone: 'Europe/Paris', aliases: [ALIAS] });
    this.world.addUser({ email: COLLEAGUE, name: 'Sam', timeZone: 'Europe/Paris' });
    this.world.addUser({ email: THIRD, name: 'Eve', timeZone: 'Europe/Paris' });
    this.candidates = Array.from({ length: candidateCount }, (_, i) => `cand${i + 1}@talent.org`);
    this.candidates.forEach((c) => this.world.mail.createMailbox(c));
    this.spreadsheetId = this.world.createSpreadsheet({
      owner: OWNER,
      name: 'Hiring',
      tabs: {
        Candidates: [
          ['Email', 'First name'],
          ...this.candidates.map((c, i) => [c, `Name${i + 1}`]),
        ],
        Other: [
          ['Email', 'First name'],
          ['victim@talent.org', 'Vic'],
        ],
      },
    });
    this.world.mail.createMailbox('victim@talent.org');
  }

  /** Puts campaigns in the owner's store as the campaign use cases leave them after Launch. */
  seedOwnerCampaigns(
    campaigns: { id: string; tabName: string; name: string; spreadsheetId?: string }[],
  ): void {
    const store = emptyStore();
    for (const spec of campaigns) {
      const campaign: Campaign = {
        id: spec.id,
        name: spec.name,
        owner: OWNER,
        spreadsheetId: spec.spreadsheetId ?? this.spreadsheetId,
        tabName: spec.tabName,
        emailHeader: 'Email',
        steps: STEPS,
        settings: {
          timeZone: 'Europe/Paris',
          window: { startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] },
          dailyCap: 50,
          startAt: START,
        },
        sender: { email: OWNER, name: 'Rita', kind: 'self' },
        state: 'running',
        createdAt: START,
        launchedAt: START,
      };
      store.campaigns.set(campaign.id, campaign);
      store.progress.set(campaign.id, emptyProgress());
    }
    const target = this.world.properties.store(PropertyStores.key(this.project.id, 'user', OWNER));
    for (const [k, v] of Object.entries(encodeStore(store))) target.set(k, v);
  }

  /**
   * The owner invites the colleague to send one campaign, the colleague authorizes it from the
   * invitation in Gmail, and the owner turns sending on for their own mailbox.
   */
  connectColleague(campaignId: string): void {
    this.click(
      OWNER,
      'delegation.invite',
      { campaignId },
      { inviteName: 'Sam', inviteEmail: COLLEAGUE },
    );
    this.world.advance(2 * 60_000); // the owner's outbox runs a minute after the card action
    const mail = this.messagesWithHeader(COLLEAGUE, 'X-Baton-Invitation').find((m) =>
      headerOf(m.raw, 'X-Baton-Invitation').includes(`:${campaignId}:`),
    );
    if (!mail) throw new Error(`No invitation for ${campaignId}`);
    const card = this.openMessage(COLLEAGUE, mail.id, mail.threadId);
    this.click(COLLEAGUE, 'delegation.authorize', buttonParams(card, 'delegation.authorize') ?? {});
    this.click(OWNER, 'home.enableSending');
  }

  userProperties(email: string): Record<string, string> {
    return this.world.properties.snapshot(this.project.id, 'user', email);
  }

  /** Runs an entry point as a user; returns the add-on JSON, checked against card.proto. */
  run(
    as: string,
    fn: string,
    kind: ExecutionKind,
    extra: {
      parameters?: Record<string, string>;
      formInputs?: Record<string, string | string[]>;
      host?: HostContext;
    } = {},
  ): unknown {
    const result = this.world.run({
      project: this.project,
      as,
      fn,
      kind,
      host: extra.host ?? { app: 'gmail' },
      parameters: extra.parameters,
      formInputs: extra.formInputs,
    });
    if (result.error) throw new Error(`${fn} as ${as} failed: ${result.error}`);
    this.cardTimes.push({
      what: extra.parameters?.action ?? fn,
      ms: result.simulatedMs,
      methods: result.methods,
    });
    const json = toAddOnJson(result.value);
    const problems = checkAddOnResultJson(json);
    if (problems.length)
      throw new Error(`${fn} JSON refused by card.proto:\n${problems.join('\n')}`);
    return json;
  }

  click(
    as: string,
    action: string,
    params: Record<string, string> = {},
    formInputs?: Record<string, string>,
  ) {
    return this.run(as, 'onCardAction', 'action', {
      parameters: { ...params, action },
      formInputs,
    });
  }

  /** Opens a message in Gmail as `as`: the contextual card(s). */
  openMessage(as: string, messageId: string, threadId: string) {
    return this.run(as, 'onGmailMessage', 'contextual', {
      host: { app: 'gmail', gmail: { messageId, threadId, accessToken: `token-${as}` } },
    });
  }

  /** Messages in a mailbox whose header `name` is set, newest last. */
  messagesWithHeader(address: string, name: string) {
    const box = this.world.mail.mailbox(address);
    return box
      .threadIds()
      .flatMap((t) => box.thread(t))
      .filter((m) => headerOf(m.raw, name) !== '');
  }

  /** Messages a candidate received from an address. */
  received(candidate: string, from: string) {
    const box = this.world.mail.mailbox(candidate);
    return box
      .threadIds()
      .flatMap((t) => box.thread(t))
      .filter((m) => headerOf(m.raw, 'From').toLowerCase().includes(from));
  }

  tab(name: string, spreadsheetId = this.spreadsheetId): string[][] {
    const tab = this.world.sheets.get(spreadsheetId)?.tabs.find((t) => t.name === name);
    return (tab?.rows ?? []).map((r) => r.map((c) => String(c ?? '')));
  }

  setCell(tabName: string, row: number, column: number, value: string): void {
    const tab = this.world.sheets.get(this.spreadsheetId)?.tabs.find((t) => t.name === tabName);
    if (!tab) throw new Error(`No tab ${tabName}`);
    while (tab.rows.length < row) tab.rows.push([]);
    tab.rows[row - 1][column - 1] = value;
  }
}

export function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The parameters of the first button in a card JSON that runs `action`. */
export function buttonParams(json: unknown, action: string): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  const visit = (value: unknown): void => {
    if (found || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(visit);
    const params = (value as { parameters?: { key: string; value: string }[] }).parameters;
    if (Array.isArray(params)) {
      const map = Object.fromEntries(params.map((p) => [p.key, p.value]));
      if (map.action === action) found = map;
    }
    Object.values(value).forEach(visit);
  };
  visit(json);
  return found;
}
