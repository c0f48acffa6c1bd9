// Where a follow-up finds the Message-ID of its thread's first message (its In-Reply-To): the
// campaign spreadsheet's Threads tab, Baton's record read once per run; else Gmail, read in
// batches and then recorded in the tab, so that each thread's is read from Gmail once.
import type { Campaign } from '../core/campaign';
import type { Ports } from '../ports';

export const THREADS_TAB = 'Threads';
const HEADER = ['Thread', 'First Message-ID'] as const;
/** A value someone typed over is not trusted: such a thread is read from Gmail again. */
const MESSAGE_ID = /^<[^<>\s]+@[^<>\s]+>$/;

export class ThreadRoots {
  private recorded?: Map<string, string>;
  /** What Gmail told this run and the tab does not hold yet. */
  private readonly learned = new Map<string, string>();
  /** Threads whose first message Gmail no longer has. */
  private readonly gone = new Set<string>();

  constructor(
    private readonly ports: Ports,
    private readonly campaign: Campaign,
  ) {}

  private tab(): Map<string, string> {
    if (this.recorded) return this.recorded;
    this.recorded = new Map();
    const sheets = this.ports.replies?.logSheets;
    if (!sheets) return this.recorded;
    try {
      for (const [thread, id] of sheets.readRows(this.campaign.spreadsheetId, THREADS_TAB))
        if (thread && MESSAGE_ID.test((id ?? '').trim())) this.recorded.set(thread, id.trim());
    } catch (error) {
      console.log(`Baton: the ${THREADS_TAB} tab could not be read: ${(error as Error).message}`);
    }
    return this.recorded;
  }

  /** True once the thread's root is known, or known to be gone. */
  has(threadId: string): boolean {
    return this.tab().has(threadId) || this.gone.has(threadId);
  }

  /** The root's Message-ID, '' when it is gone or not looked up. */
  rootOf(threadId: string): string {
    return this.tab().get(threadId) ?? '';
  }

  /** Looks up, in one Gmail read, the roots of the first threads of `threadIds` not known yet. */
  lookUp(threadIds: string[]): void {
    const missing: string[] = [];
    for (const id of threadIds) {
      if (missing.length === this.ports.mailbox.headerReadsPerCall) break;
      if (id && !this.has(id) && !missing.includes(id)) missing.push(id);
    }
    if (missing.length === 0) return;
    const found = this.ports.mailbox.rfcMessageIds(missing);
    for (const id of missing) {
      const root = found.get(id);
      if (!root) this.gone.add(id);
      else {
        this.tab().set(id, root);
        this.learned.set(id, root);
      }
    }
  }

  /** Appends what Gmail told this run to the tab, in one write; a failure costs a read later. */
  record(): void {
    const sheets = this.ports.replies?.logSheets;
    if (!sheets || this.learned.size === 0) return;
    try {
      const rows = [...this.learned].map(([thread, id]) => [thread, id]);
      sheets.appendRows(this.campaign.spreadsheetId, THREADS_TAB, HEADER, rows);
      this.learned.clear();
    } catch (error) {
      console.log(
        `Baton: the ${THREADS_TAB} tab could not be written: ${(error as Error).message}`,
      );
    }
  }
}
