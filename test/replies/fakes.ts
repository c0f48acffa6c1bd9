// A mailbox that receives replies, on top of the campaigns' FakeWorld: Gmail-like history ids,
// raw messages, an audit of every content read, campaign log tabs, and executions that can be
// killed at their Nth port call (every port, the reply scan's included).
import type { CellValue, Ports } from '../../src/ports';
import type {
  CampaignLogSheets,
  HistoryMessage,
  MailHistory,
  RawMessage,
  ThreadMessage,
} from '../../src/ports/replies';
import { callCounting, FakeWorld, Killed } from '../campaign/fakes';

interface StoredMessage {
  id: string;
  threadId: string;
  raw: string;
  labelIds: string[];
  receivedAt: number;
  historyId: number;
}

export interface AuditRecord {
  method: 'readRaw' | 'threadMessages';
  threadId: string;
}

export class ReplyWorld {
  readonly messages: StoredMessage[] = [];
  readonly audit: AuditRecord[] = [];
  /** History ids at or below this are too old: History.list answers 404. */
  historyFloor = 0;
  sheetWrites = 0;
  /** History.list pages served. */
  historyPages = 0;
  private historyId = 5000;
  private counter = 0;
  private syncedSent = 0;

  constructor(readonly world: FakeWorld) {}

  /** Sent mail enters the mailbox's history too, labelled SENT, as Gmail records it. */
  private syncSent(): void {
    for (; this.syncedSent < this.world.sent.length; this.syncedSent++) {
      const sent = this.world.sent[this.syncedSent];
      this.messages.push({
        id: sent.id,
        threadId: sent.threadId,
        raw: sent.raw,
        labelIds: ['SENT'],
        receivedAt: sent.date,
        historyId: ++this.historyId,
      });
    }
  }

  /** Delivers a raw message into a thread of the mailbox (INBOX) and returns its id. */
  deliver(threadId: string, raw: string, labelIds = ['INBOX', 'UNREAD']): string {
    this.syncSent();
    const id = `in-${(++this.counter).toString(16).padStart(8, '0')}`;
    this.messages.push({
      id,
      threadId,
      raw,
      labelIds,
      receivedAt: this.world.now,
      historyId: ++this.historyId,
    });
    return id;
  }

  /** The thread of the sequence sent to `email` (its first message's thread). */
  threadOf(email: string): string {
    const first = this.world.sentTo(email)[0];
    if (!first) throw new Error(`Nothing was sent to ${email}`);
    return first.threadId;
  }

  /** Delivers a message into the thread of the sequence sent to `email`. */
  deliverTo(email: string, raw: string): string {
    return this.deliver(this.threadOf(email), raw);
  }

  /** Forgets history, as Gmail does after about a week: the next History.list answers 404. */
  expireHistory(): void {
    this.syncSent();
    this.historyFloor = this.historyId;
  }

  rowsOf(spreadsheetId: string, tab: string): CellValue[][] {
    return this.world.sheets.get(`${spreadsheetId}/${tab}`) ?? [];
  }

  private history(): MailHistory {
    const summary = (m: StoredMessage): ThreadMessage => ({
      id: m.id,
      threadId: m.threadId,
      labelIds: m.labelIds.slice(),
      receivedAt: m.receivedAt,
    });
    return {
      currentHistoryId: () => {
        this.syncSent();
        return String(this.historyId);
      },
      messagesAddedSince: (start: string, pageToken?: string) => {
        this.syncSent();
        this.historyPages++;
        if (Number(start) < this.historyFloor) return undefined;
        const after = this.messages.filter((m) => m.historyId > Number(start));
        const offset = Number(pageToken ?? 0);
        const page = after.slice(offset, offset + 25);
        const messages: HistoryMessage[] = page.map((m) => ({
          ...summary(m),
          historyId: String(m.historyId),
        }));
        const more = offset + 25 < after.length;
        return {
          messages,
          historyId: String(this.historyId),
          nextPageToken: more ? String(offset + 25) : undefined,
        };
      },
      threadMessages: (threadId: string) => {
        this.syncSent();
        this.audit.push({ method: 'threadMessages', threadId });
        return this.messages.filter((m) => m.threadId === threadId).map(summary);
      },
      readRaw: (id: string): RawMessage => {
        const m = this.messages.find((x) => x.id === id);
        if (!m) throw new Error('Requested entity was not found.');
        this.audit.push({ method: 'readRaw', threadId: m.threadId });
        return { id, threadId: m.threadId, raw: m.raw, receivedAt: m.receivedAt };
      },
    };
  }

  private logSheets(): CampaignLogSheets {
    const tab = (id: string, name: string) => this.world.sheets.get(`${id}/${name}`);
    return {
      appendRows: (id, name, header, rows) => {
        this.sheetWrites++;
        let values = tab(id, name);
        if (!values) this.world.sheets.set(`${id}/${name}`, (values = [[...header]]));
        values.push(...rows.map((r) => r.slice()));
      },
      readColumn: (id, name, column) =>
        (tab(id, name) ?? []).slice(1).map((row) => String(row[column - 1] ?? '')),
      readRows: (id, name) => (tab(id, name) ?? []).slice(1).map((row) => row.map(String)),
      readRowsFrom: (id, name, firstRow, width) =>
        (tab(id, name) ?? [])
          .slice(firstRow)
          .map((row) => Array.from({ length: width }, (_, i) => String(row[i] ?? ''))),
      writeDashboard: (id, name, values) => {
        this.world.sheets.set(
          `${id}/${name}`,
          values.map((r) => r.slice()),
        );
        return false;
      },
    };
  }

  /** Ports of one new execution; with `killAt`, its Nth port call (any port) and every later one throw. */
  ports(killAt?: number): Ports & { calls(): number } {
    const base = this.world.ports();
    let calls = 0;
    const wrap = <T extends object>(target: T): T =>
      callCounting(target, () => {
        calls++;
        if (killAt !== undefined && calls >= killAt) throw new Killed();
      });
    const ports: Ports = {
      identity: wrap(base.identity),
      clock: base.clock,
      lock: wrap(base.lock),
      store: wrap(base.store),
      mailbox: wrap(base.mailbox),
      sheets: wrap(base.sheets),
      triggers: wrap(base.triggers),
      ids: base.ids,
      replies: { history: wrap(this.history()), logSheets: wrap(this.logSheets()) },
    };
    return Object.assign(ports, { calls: () => calls });
  }
}

/** A raw RFC 5322 message (CRLF line ends), headers first. */
export function rawMessage(headers: Record<string, string>, body: string): string {
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [...head, '', body].join('\r\n');
}

export function humanReply(from: string, to: string, text: string): string {
  return rawMessage(
    {
      From: from,
      To: to,
      Subject: 'Re: Role at Co',
      Date: 'Mon, 2 Mar 2026 10:00:00 +0000',
      'Message-ID': `<reply-${from}-${text.length}@candidates.example>`,
      'Content-Type': 'text/plain; charset=utf-8',
    },
    `${text}\r\n\r\nOn Mon, Mar 2, 2026 at 9:00 AM Recruiter <${to}> wrote:\r\n> Hi, interested?\r\n`,
  );
}

export function outOfOffice(from: string, to: string, until: string): string {
  return rawMessage(
    {
      From: from,
      To: to,
      Subject: 'Out of office: Re: Role at Co',
      Date: 'Mon, 2 Mar 2026 12:00:00 +0000',
      'Auto-Submitted': 'auto-replied',
      'X-Autoreply': 'yes',
      'Content-Type': 'text/plain; charset=utf-8',
    },
    `I am out of the office until ${until} with limited access to email.`,
  );
}

export function gmailBounce(
  failed: string,
  to: string,
  status: string,
  diagnostic: string,
): string {
  const boundary = 'dsn-boundary';
  return rawMessage(
    {
      From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      To: to,
      Subject: 'Delivery Status Notification (Failure)',
      'Auto-Submitted': 'auto-replied',
      'X-Failed-Recipients': failed,
      'Content-Type': `multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    },
    [
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Your message wasn't delivered to ${failed}. ${diagnostic}`,
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; googlemail.com',
      '',
      `Final-Recipient: rfc822; ${failed}`,
      `Action: ${status.startsWith('4') ? 'delayed' : 'failed'}`,
      `Status: ${status}`,
      `Diagnostic-Code: smtp; ${status.replace(/\./g, '')} ${status} ${diagnostic}`,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}
