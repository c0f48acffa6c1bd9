// The one module through which the workbench touches the emulator's World: everything the pages
// show (mailboxes, sheets, executions, quotas) and do (run Baton, send mail, advance the clock).
// The server and the demo speak only these plain, JSON-ready shapes; EmulatedWorld maps them onto
// the emulator's public API and Baton's built bundle (dist/).
import path from 'node:path';
import {
  buildCardEvent,
  homepageFunction,
  loadProject,
  manifestFunctions,
  World,
  type HostContext,
  type Project,
  type QuotaName,
} from '../emulator';
import { toAddOnJson } from '../emulator/cards';
import { buildMessage, type Mailbox, type StoredMessage } from '../emulator/gmail';
import { decodeWords, formatAddress, headerValue } from '../emulator/gmail/mime';
import { storedValue } from '../emulator/services/spreadsheet';

export interface Person {
  email: string;
  name: string;
  /** Add-on users have Baton installed; candidates are plain mailboxes outside the company. */
  role: 'addon-user' | 'candidate';
}

export interface LabelView {
  id: string;
  name: string;
  system: boolean;
  unread: number;
  total: number;
}

export interface ThreadSummary {
  id: string;
  subject: string;
  from: string;
  snippet: string;
  date: number;
  unread: boolean;
  count: number;
  labels: string[];
}

export interface MessageView {
  id: string;
  threadId: string;
  from: string;
  to: string;
  cc: string;
  subject: string;
  date: number;
  body: string;
  labels: string[];
}

export interface SheetTab {
  name: string;
  values: string[][];
}

export interface SpreadsheetView {
  id: string;
  name: string;
  owner: string;
  editors: string[];
  tabs: SheetTab[];
}

/** A form input as Apps Script hands it to a card action (commonEventObject.formInputs[name]). */
export type FormInput =
  | { stringInputs: { value: string[] } }
  | { dateTimeInput: { msSinceEpoch: number; hasDate: boolean; hasTime: boolean } }
  | { dateInput: { msSinceEpoch: number } }
  | { timeInput: { hours: number; minutes: number } };

/** One call into Baton as the host app (Gmail or Sheets) would make it. */
export interface AddonCall {
  kind: 'homepage' | 'contextual' | 'action' | 'universal';
  user: string;
  host: 'gmail' | 'sheets';
  /** The global function to run; for homepage/contextual the manifest's is used when omitted. */
  fn?: string;
  spreadsheetId?: string;
  message?: { messageId: string; threadId: string };
  parameters?: Record<string, string>;
  formInputs?: Record<string, FormInput>;
}

export interface AddonResult {
  /** Card JSON, an array of cards, or action-response JSON. */
  json?: unknown;
  error?: string;
  executionId?: number;
}

export interface ExecutionView {
  id: number;
  user: string;
  fn: string;
  kind: string;
  startedAt: number;
  simulatedMs: number;
  calls: Record<string, number>;
  error?: string;
  killed?: boolean;
}

export interface UsageView {
  user: string;
  quotas: { name: string; used: number; limit: number }[];
  store: { bytes: number; limit: number; keys: number };
  triggers: number;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** When replying: the message answered (threads it on both sides). */
  inReplyTo?: string;
}

export interface PersonSeed {
  email: string;
  name: string;
  role: 'addon-user' | 'candidate';
  autoReply?: { subject: string; body: string };
}

/** The workbench's view of a world. */
export interface WorkbenchWorld {
  now(): number;
  people(): Person[];
  addPerson(seed: PersonSeed): void;
  labels(address: string): LabelView[];
  threads(address: string, labelId: string): ThreadSummary[];
  thread(address: string, threadId: string): MessageView[];
  send(mail: OutgoingMail): MessageView;
  /** Opening a thread reads it, as in Gmail: its messages lose UNREAD. */
  markRead(address: string, threadId: string): void;
  spreadsheets(): SpreadsheetView[];
  createSpreadsheet(owner: string, name: string, tabs: SheetTab[]): string;
  setCell(id: string, tab: string, row: number, col: number, value: string): void;
  runAddon(call: AddonCall): AddonResult;
  /** The manifest's universal actions (the card menu's entries). */
  universalActions(): { label: string; runFunction?: string; openLink?: string }[];
  /** Earliest time a trigger is due, if any. */
  nextTriggerAt(): number | undefined;
  /** Advances the clock by ms, firing due triggers in time order. */
  advance(ms: number): void;
  executions(): ExecutionView[];
  usage(user: string): UsageView;
}

/** Where Baton's built bundle is: `npm start` and the e2e tests build it first. */
const DIST = path.join(__dirname, '..', 'dist');
const QUOTAS: QuotaName[] = [
  'emailRecipients',
  'emailReadWrite',
  'propertiesReadWrite',
  'triggerRuntimeMs',
];
/** Labels Gmail shows in its left column, in its order, with its names. */
const SHOWN_SYSTEM_LABELS: [string, string][] = [
  ['INBOX', 'Inbox'],
  ['STARRED', 'Starred'],
  ['SENT', 'Sent'],
  ['DRAFT', 'Drafts'],
  ['SPAM', 'Spam'],
  ['TRASH', 'Trash'],
];
const SEED = 8;

/** A world on the virtual clock from `start`, running the project built in `projectDir`. */
export function createWorld(start: number, projectDir = DIST): WorkbenchWorld {
  return new EmulatedWorld(start, projectDir);
}

class EmulatedWorld implements WorkbenchWorld {
  private readonly world: World;
  private readonly project: Project;
  private readonly persons: Person[] = [];

  constructor(start: number, projectDir: string) {
    this.world = new World({ seed: SEED, start });
    this.project = loadProject(projectDir);
  }

  private get mail() {
    return this.world.mail;
  }

  private mailbox(address: string): Mailbox {
    return this.mail.mailbox(address);
  }

  now() {
    return this.world.now();
  }

  people() {
    return this.persons;
  }

  addPerson(seed: PersonSeed) {
    if (seed.role === 'addon-user') {
      this.world.addUser({ email: seed.email, name: seed.name, kind: 'workspace' });
      this.world.install(this.project, seed.email);
    }
    const mailbox = this.mail.createMailbox(seed.email, seed.name);
    if (seed.autoReply) mailbox.setAutoReply(seed.autoReply);
    this.persons.push({ email: seed.email.toLowerCase(), name: seed.name, role: seed.role });
  }

  labels(address: string): LabelView[] {
    const mailbox = this.mailbox(address);
    const messages = [...mailbox.messages.values()];
    const count = (id: string) => {
      const threads = new Set(messages.filter((m) => m.labelIds.has(id)).map((m) => m.threadId));
      const unread = new Set(
        messages
          .filter((m) => m.labelIds.has(id) && m.labelIds.has('UNREAD'))
          .map((m) => m.threadId),
      );
      return { total: threads.size, unread: unread.size };
    };
    const system = SHOWN_SYSTEM_LABELS.filter(([id]) => mailbox.labels.has(id)).map(
      ([id, name]) => ({
        id,
        name,
        system: true,
        ...count(id),
      }),
    );
    const user = [...mailbox.labels.values()]
      .filter((l) => l.type === 'user')
      .map((l) => ({ id: l.id, name: l.name, system: false, ...count(l.id) }));
    return [...system, ...user];
  }

  threads(address: string, labelId: string): ThreadSummary[] {
    const mailbox = this.mailbox(address);
    const byThread = new Map<string, StoredMessage[]>();
    for (const m of mailbox.messages.values()) {
      const list = byThread.get(m.threadId) ?? [];
      list.push(m);
      byThread.set(m.threadId, list);
    }
    const labelName = (id: string) => mailbox.labels.get(id)?.name ?? id;
    return [...byThread.entries()]
      .filter(([, list]) => list.some((m) => m.labelIds.has(labelId)))
      .map(([id, list]) => {
        list.sort((a, b) => a.internalDate - b.internalDate);
        const last = list[list.length - 1];
        const labels = new Set(list.flatMap((m) => [...m.labelIds]));
        return {
          id,
          subject: header(list[0], 'Subject'),
          from: header(last, 'From'),
          snippet: bodyOf(last).replace(/\s+/g, ' ').slice(0, 120),
          date: last.internalDate,
          unread: labels.has('UNREAD'),
          count: list.length,
          labels: [...labels].map(labelName),
        };
      })
      .sort((a, b) => b.date - a.date);
  }

  thread(address: string, threadId: string): MessageView[] {
    const mailbox = this.mailbox(address);
    return mailbox.thread(threadId).map((m) => ({
      id: m.id,
      threadId: m.threadId,
      from: header(m, 'From'),
      to: header(m, 'To'),
      cc: header(m, 'Cc'),
      subject: header(m, 'Subject'),
      date: m.internalDate,
      body: bodyOf(m),
      labels: [...m.labelIds].map((id) => mailbox.labels.get(id)?.name ?? id),
    }));
  }

  send(mail: OutgoingMail): MessageView {
    const mailbox = this.mailbox(mail.from);
    const sent = mail.inReplyTo
      ? mailbox.reply(mail.inReplyTo, { text: mail.text })
      : mailbox.send(
          buildMessage({
            headers: [
              { name: 'From', value: formatAddress(mailbox.self) },
              { name: 'To', value: mail.to },
              { name: 'Subject', value: mail.subject },
            ],
            text: mail.text,
          }),
        );
    return this.thread(mail.from, sent.threadId).find((m) => m.id === sent.id)!;
  }

  markRead(address: string, threadId: string) {
    const mailbox = this.mailbox(address);
    for (const m of mailbox.thread(threadId))
      if (m.labelIds.has('UNREAD')) mailbox.modify(m.id, [], ['UNREAD']);
  }

  spreadsheets(): SpreadsheetView[] {
    return this.world.sheets.all().map((record) => ({
      id: record.id,
      name: record.name,
      owner: record.owner,
      editors: [...record.editors],
      tabs: record.tabs.map((tab) => ({
        name: tab.name,
        values: this.world.sheets.values(record.id, tab.name).map((row) => row.map(cellText)),
      })),
    }));
  }

  createSpreadsheet(owner: string, name: string, tabs: SheetTab[]): string {
    return this.world.createSpreadsheet({
      owner,
      name,
      tabs: Object.fromEntries(tabs.map((t) => [t.name, t.values])),
    });
  }

  setCell(id: string, tabName: string, row: number, col: number, value: string) {
    const tab = this.world.sheets.get(id)?.tabs.find((t) => t.name === tabName);
    if (!tab) throw new Error(`No tab "${tabName}" in spreadsheet ${id}.`);
    while (tab.rows.length <= row) tab.rows.push([]);
    const cells = tab.rows[row];
    while (cells.length < col) cells.push('');
    cells[col] = storedValue(value);
  }

  runAddon(call: AddonCall): AddonResult {
    const manifest = this.project.manifest;
    const fn =
      call.fn ??
      (call.kind === 'homepage'
        ? homepageFunction(manifest, call.host)
        : call.kind === 'contextual'
          ? manifestFunctions(manifest).contextual[0]
          : undefined);
    if (!fn) return { error: `The manifest names no ${call.kind} function for ${call.host}.` };
    const host: HostContext = { app: call.host };
    if (call.host === 'sheets') host.activeSpreadsheetId = call.spreadsheetId;
    if (call.host === 'gmail' && call.message)
      host.gmail = { ...call.message, accessToken: `workbench-token-${call.message.messageId}` };
    const user = this.world.user(call.user);
    if (!user) return { error: `${call.user} does not have Baton installed.` };
    const result = this.world.run({
      project: this.project,
      as: user.email,
      fn,
      kind: call.kind,
      host,
      event: this.cardEvent(call, host),
    });
    if (result.error) return { error: result.error, executionId: result.executionId };
    try {
      return { json: toAddOnJson(result.value), executionId: result.executionId };
    } catch (error) {
      return { error: (error as Error).message, executionId: result.executionId };
    }
  }

  /** The world's card event, with form inputs of every kind (dates too) as the page read them. */
  private cardEvent(call: AddonCall, host: HostContext) {
    const strings = Object.fromEntries(
      Object.entries(call.formInputs ?? {}).flatMap(([name, input]) =>
        'stringInputs' in input ? [[name, input.stringInputs.value]] : [],
      ),
    );
    const event = buildCardEvent({
      user: this.world.user(call.user)!,
      host,
      now: this.world.now(),
      formInputs: strings,
      parameters: call.parameters,
      spreadsheetTitle: call.spreadsheetId
        ? this.world.sheets.get(call.spreadsheetId)?.name
        : undefined,
    });
    if (call.formInputs && Object.keys(call.formInputs).length)
      (event.commonEventObject as Record<string, unknown>).formInputs = call.formInputs;
    return event;
  }

  universalActions() {
    const common = (this.project.manifest.addOns?.common ?? {}) as {
      universalActions?: { label: string; runFunction?: string; openLink?: string }[];
    };
    return common.universalActions ?? [];
  }

  nextTriggerAt(): number | undefined {
    const times = this.world.triggers.all.map((t) => t.nextRunAt);
    return times.length ? Math.min(...times) : undefined;
  }

  advance(ms: number) {
    this.world.advance(ms);
  }

  executions(): ExecutionView[] {
    return this.world.executions.map((e) => ({
      id: e.executionId,
      user: e.user,
      fn: e.fn,
      kind: e.kind,
      startedAt: e.startedAt,
      simulatedMs: e.simulatedMs,
      calls: e.calls,
      error: e.error,
      killed: e.killed,
    }));
  }

  usage(email: string): UsageView {
    const kind = this.world.user(email)?.kind ?? 'workspace';
    const store = this.world.store(this.project, 'user', email);
    const bytes = Object.entries(store).reduce(
      (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
      0,
    );
    return {
      user: email,
      quotas: QUOTAS.map((name) => {
        const limit = this.world.quotas.limit(kind, name);
        return { name, used: limit - this.world.remainingQuota(email, name), limit };
      }),
      store: { bytes, limit: 500 * 1024, keys: Object.keys(store).length },
      triggers: this.world.triggersOf(this.project, email).length,
    };
  }
}

function header(message: StoredMessage, name: string): string {
  return decodeWords(headerValue(message.parsed.headers, name) ?? '');
}

function bodyOf(message: StoredMessage): string {
  if (message.parsed.text) return message.parsed.text;
  return message.parsed.html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '');
}

function cellText(value: unknown): string {
  if (Object.prototype.toString.call(value) === '[object Date]')
    return (value as Date).toISOString().replace('T', ' ').slice(0, 16);
  return String(value ?? '');
}
