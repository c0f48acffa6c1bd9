// The one module through which the workbench touches the emulator's World: everything the pages
// show (mailboxes, sheets, executions, quotas) and do (run Baton, send mail, advance the clock).
// The server and the demo speak only these plain, JSON-ready shapes.

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

export { createWorld } from './stand-in-world';
