// In-memory fakes of every port, with inspectable state, for unit tests of the use cases; one
// FakeWorld holds the state that survives between executions (mail, properties, sheets, time),
// and `ports()` starts a new execution on it, optionally killed at its Nth port call.
import type {
  CellValue,
  DraftContent,
  DraftSummary,
  Mailbox,
  OutgoingMessage,
  Ports,
  SentMessage,
  SentMessageHeaders,
} from '../../src/ports';

export interface FakeMessage {
  id: string;
  threadId: string;
  raw: string;
  headers: Record<string, string>;
  date: number;
  rfcMessageId: string;
}

/** Thrown by every port call of an execution after its kill point. */
export class Killed extends Error {
  constructor() {
    super('Execution killed');
  }
}

/** Wraps a port so that each of its method calls first runs `beforeCall` (which may throw Killed). */
export function callCounting<T extends object>(target: T, beforeCall: () => void): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        beforeCall();
        return value.apply(obj, args);
      };
    },
  });
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export class FakeWorld {
  now: number;
  /** Simulated latency of one port call, so that time passes during an execution. */
  callCostMs = 200;
  properties: Record<string, string> = {};
  sheets = new Map<string, CellValue[][]>();
  drafts = new Map<string, { raw: string; threadId?: string }>();
  sent: FakeMessage[] = [];
  labels = new Map<string, Set<string>>();
  triggers: string[] = [];
  quotaLeft = 1500;
  aliases: string[] = [];
  lockHeld = false;
  private counter = 0;

  constructor(
    start: number,
    readonly user = 'recruiter@example.com',
  ) {
    this.now = start;
  }

  nextId(): string {
    this.counter++;
    return this.counter.toString(16).padStart(16, '0');
  }

  /** Ports of one new execution; with `killAt`, its Nth port call and every later one throw. */
  ports(killAt?: number): Ports & { calls(): number } {
    let calls = 0;
    const charge = () => {
      calls++;
      if (killAt !== undefined && calls >= killAt) throw new Killed();
      this.now += this.callCostMs;
    };
    const wrap = <T extends object>(target: T): T => callCounting(target, charge);
    const lockState = { mine: false };
    const ports: Ports = {
      identity: wrap({ email: () => this.user }),
      clock: { now: () => this.now },
      lock: wrap({
        tryAcquire: () => {
          if (this.lockHeld) return false;
          this.lockHeld = lockState.mine = true;
          return true;
        },
        release: () => {
          if (lockState.mine) this.lockHeld = lockState.mine = false;
        },
      }),
      store: wrap({
        readAll: () => ({ ...this.properties }),
        write: (entries: Record<string, string>, remove: string[] = []) => {
          Object.assign(this.properties, entries);
          for (const key of remove) delete this.properties[key];
        },
      }),
      mailbox: wrap(new FakeMailbox(this)),
      sheets: wrap({
        readTab: (id: string, tab: string) => {
          const values = this.sheets.get(`${id}/${tab}`);
          if (!values) throw new Error(`No tab ${tab}`);
          return values.map((r) => r.slice());
        },
        writeBlock: (
          id: string,
          tab: string,
          row: number,
          column: number,
          block: CellValue[][],
        ) => {
          const values = this.sheets.get(`${id}/${tab}`)!;
          block.forEach((cells, r) => {
            while (values.length < row + r) values.push([]);
            const target = values[row - 1 + r];
            cells.forEach((cell, c) => {
              while (target.length < column - 1 + c) target.push('');
              target[column - 1 + c] = cell;
            });
          });
        },
        tabNames: (id: string) =>
          [...this.sheets.keys()]
            .filter((k) => k.startsWith(`${id}/`))
            .map((k) => k.slice(id.length + 1)),
        url: (id: string) => `https://docs.google.com/spreadsheets/d/${id}/edit`,
      }),
      triggers: wrap({
        handlers: () => this.triggers.slice(),
        installHourly: (h: string) => void this.triggers.push(h),
        removeAll: (h: string) => void (this.triggers = this.triggers.filter((t) => t !== h)),
      }),
      ids: { newId: () => this.nextId() },
    };
    return Object.assign(ports, { calls: () => calls });
  }

  /** Ends an execution as Apps Script does: its lock is released even if it was killed. */
  endExecution(): void {
    this.lockHeld = false;
  }

  sentTo(address: string): FakeMessage[] {
    return this.sent.filter((m) => m.headers.to === address);
  }
}

class FakeMailbox implements Mailbox {
  constructor(private readonly world: FakeWorld) {}

  readonly headerReadsPerCall = 30;

  send(message: OutgoingMessage): SentMessage {
    if (this.world.quotaLeft < 1)
      throw new Error('Service invoked too many times for one day: email.');
    this.world.quotaLeft--;
    const id = this.world.nextId();
    const sent: FakeMessage = {
      id,
      threadId: message.threadId ?? id,
      raw: message.raw,
      headers: parseHeaders(message.raw),
      date: this.world.now,
      rfcMessageId: `<${id}@mail.fake>`,
    };
    this.world.sent.push(sent);
    return { id, threadId: sent.threadId };
  }
  rfcMessageIds(messageIds: string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const m of this.world.sent) if (messageIds.includes(m.id)) found.set(m.id, m.rfcMessageId);
    return found;
  }
  batonMessagesSentSince(since: number, recipients: string[]): SentMessageHeaders[] {
    return this.world.sent
      .filter((m) => m.date >= since && recipients.includes(m.headers.to))
      .filter((m) => m.headers['x-baton-key'])
      .map((m) => ({
        id: m.id,
        threadId: m.threadId,
        rfcMessageId: m.rfcMessageId,
        batonKey: m.headers['x-baton-key'],
        date: m.date,
      }));
  }
  ensureLabel(labelName: string): string {
    if (!this.world.labels.has(labelName)) this.world.labels.set(labelName, new Set());
    return `label:${labelName}`;
  }
  labelMessages(messageIds: string[], labelName: string): string {
    const id = this.ensureLabel(labelName);
    for (const m of this.world.sent.filter((s) => messageIds.includes(s.id)))
      this.world.labels.get(labelName)!.add(m.threadId);
    return id;
  }
  sendAsAddresses(): string[] {
    return [this.world.user, ...this.world.aliases];
  }
  remainingRecipientQuota(): number {
    return this.world.quotaLeft;
  }
  listDrafts(): DraftSummary[] {
    return [...this.world.drafts.entries()].map(([id, d]) => ({
      id,
      subject: parseHeaders(d.raw).subject ?? '',
    }));
  }
  readDraft(draftId: string): DraftContent {
    const draft = this.world.drafts.get(draftId);
    if (!draft) throw new Error('Requested entity was not found.');
    return {
      subject: parseHeaders(draft.raw).subject ?? '',
      text: draft.raw.split('\r\n\r\n')[1] ?? '',
      html: '',
    };
  }
}
