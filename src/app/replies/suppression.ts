// Suppression across an owner's senders: each user's store is private, so an opt-out or a hard
// bounce seen by one mailbox reaches the others through the "Suppressed" tab of the owner's
// campaign spreadsheets, which every sender of those campaigns can read. Runs in the reply scan,
// before the sending tick, so what it learns is in the store's `suppressed` set before any send.
import type { Campaign } from '../../core/campaign';
import { candidateKey } from '../../core/roster';
import {
  advanceCursor,
  firstRowToRead,
  rowsAfterCursor,
  suppressionCells,
  suppressionOfCells,
  SUPPRESSED_HEADER,
  SUPPRESSED_TAB,
  type SuppressionRow,
} from '../../core/replies/suppression';
import type { ReplyState } from '../../core/replies/state';
import type { Ports } from '../../ports';
import type { ReplyPorts } from '../../ports/replies';
import type { StoreSession } from '../store';
import type { ReplyStateSession } from './state';

export interface SuppressionContext {
  ports: Ports;
  replies: ReplyPorts;
  session: StoreSession;
  replyState: ReplyStateSession;
  report: { errors: string[]; suppressionsLearned: number };
}

const lower = (text: string) => text.trim().toLowerCase();

function liveCampaigns(session: StoreSession): Campaign[] {
  return [...session.data.campaigns.values()].filter((c) => c.state !== 'draft');
}

/** The spreadsheets of this store's campaigns of one owner. */
function spreadsheetsOf(session: StoreSession, owner: string): string[] {
  const ids = liveCampaigns(session)
    .filter((c) => lower(c.owner) === lower(owner))
    .map((c) => c.spreadsheetId);
  return [...new Set(ids)];
}

/**
 * Queues a row for the Suppressed tab of every spreadsheet of the campaign owner's campaigns this
 * store knows (for a colleague, usually the one campaign's), except `except`.
 */
export function queueSuppression(
  state: ReplyState,
  session: StoreSession,
  row: SuppressionRow,
  except?: string,
): void {
  for (const spreadsheetId of spreadsheetsOf(session, row.owner))
    if (spreadsheetId !== except) enqueue(state, spreadsheetId, row);
}

function enqueue(state: ReplyState, spreadsheetId: string, row: SuppressionRow): void {
  const queued = state.suppressionOutbox.some(
    (o) => o.spreadsheetId === spreadsheetId && o.row.email === row.email,
  );
  if (!queued) state.suppressionOutbox.push({ spreadsheetId, row });
}

interface ReadTab {
  spreadsheetId: string;
  rows: SuppressionRow[];
  /** Read from its first row this tick: `rows` is all the tab holds. */
  whole: boolean;
}

/**
 * Reads what is new in the Suppressed tab of each spreadsheet this store's campaigns use (one
 * read per spreadsheet), adds the addresses of the owners it serves to the store's suppression
 * list, has the owner copy rows of theirs to their other spreadsheets, and appends the queued rows.
 */
export function syncSuppressions(ctx: SuppressionContext): void {
  const state = ctx.replyState.state;
  const me = lower(ctx.ports.identity.email());
  const campaigns = liveCampaigns(ctx.session);
  const spreadsheets = [...new Set(campaigns.map((c) => c.spreadsheetId))];
  const owners = new Set(campaigns.map((c) => lower(c.owner)));
  const mine = new Set(campaigns.filter((c) => lower(c.owner) === me).map((c) => c.spreadsheetId));
  for (const id of Object.keys(state.suppressionCursors))
    if (!spreadsheets.includes(id)) delete state.suppressionCursors[id];
  // An owner's spreadsheet seen for the first time gets the owner's earlier rows: read every
  // spreadsheet of theirs from the top once, to know what each lacks.
  if ([...mine].some((id) => !state.suppressionCursors[id]))
    for (const id of mine) delete state.suppressionCursors[id];

  const suppressed = ctx.session.data.suppressed;
  const before = new Set(suppressed);
  const read: ReadTab[] = [];
  for (const spreadsheetId of spreadsheets) {
    try {
      read.push(readNewRows(ctx, spreadsheetId));
    } catch (error) {
      ctx.report.errors.push(`Suppressed tab not read: ${(error as Error).message}`);
    }
  }
  for (const tab of read) {
    for (const row of tab.rows) {
      if (row.owner !== '' && !owners.has(row.owner)) continue;
      const key = candidateKey(row.email);
      if (!suppressed.has(key)) ctx.report.suppressionsLearned++;
      suppressed.add(key);
    }
  }
  copyOwnRows(state, read, mine, me, before);
  ctx.session.save();
  ctx.replyState.save();
  flushOutbox(ctx, read);
}

function readNewRows(ctx: SuppressionContext, spreadsheetId: string): ReadTab {
  const { logSheets } = ctx.replies;
  const cursors = ctx.replyState.state.suppressionCursors;
  const width = SUPPRESSED_HEADER.length;
  const now = ctx.ports.clock.now();
  const cursor = cursors[spreadsheetId];
  const from = firstRowToRead(cursor, now);
  const read = (first: number) =>
    logSheets.readRowsFrom(spreadsheetId, SUPPRESSED_TAB, first, width);
  let cells = rowsAfterCursor(cursor, from, read(from));
  let whole = from === 1;
  if (cells === undefined) {
    // Rows deleted or moved above where this reader had got to: read it all again (adding an
    // address twice is harmless).
    cells = read(1);
    whole = true;
  }
  cursors[spreadsheetId] = advanceCursor(whole ? undefined : cursor, cells, now);
  const rows = cells.map(suppressionOfCells).filter((r): r is SuppressionRow => r !== undefined);
  return { spreadsheetId, rows, whole };
}

/**
 * The owner's fan-out: a row of theirs (or typed in by a person on their spreadsheet) found on one
 * spreadsheet goes to each other spreadsheet of theirs that lacks it, so that a colleague who can
 * open only one of them still learns it. A spreadsheet read only in part this tick is sent only
 * rows new to the owner; one read whole gets every row it lacks.
 */
function copyOwnRows(
  state: ReplyState,
  read: ReadTab[],
  mine: ReadonlySet<string>,
  me: string,
  before: ReadonlySet<string>,
): void {
  if (mine.size < 2) return;
  const held = new Map(read.map((t) => [t.spreadsheetId, new Set(t.rows.map((r) => r.email))]));
  for (const source of read) {
    if (!mine.has(source.spreadsheetId)) continue;
    for (const row of source.rows) {
      if (row.owner !== '' && row.owner !== me) continue;
      const isNew = !before.has(candidateKey(row.email));
      for (const target of read) {
        if (target.spreadsheetId === source.spreadsheetId || !mine.has(target.spreadsheetId))
          continue;
        if (held.get(target.spreadsheetId)?.has(row.email)) continue;
        if (!isNew && !target.whole) continue;
        enqueue(state, target.spreadsheetId, { ...row, owner: me });
        held.get(target.spreadsheetId)?.add(row.email);
      }
    }
  }
}

/**
 * Appends the queued rows, one write per spreadsheet, skipping those the tab was just seen to
 * hold (an append that took effect before its execution died); what fails stays queued.
 */
function flushOutbox(ctx: SuppressionContext, read: ReadTab[]): void {
  const state = ctx.replyState.state;
  if (state.suppressionOutbox.length === 0) return;
  const seen = new Map(read.map((t) => [t.spreadsheetId, new Set(t.rows.map((r) => r.email))]));
  const bySheet = new Map<string, SuppressionRow[]>();
  for (const { spreadsheetId, row } of state.suppressionOutbox) {
    if (seen.get(spreadsheetId)?.has(row.email)) continue;
    bySheet.set(spreadsheetId, [...(bySheet.get(spreadsheetId) ?? []), row]);
  }
  const kept: ReplyState['suppressionOutbox'] = [];
  bySheet.forEach((rows, spreadsheetId) => {
    try {
      ctx.replies.logSheets.appendRows(
        spreadsheetId,
        SUPPRESSED_TAB,
        SUPPRESSED_HEADER,
        rows.map(suppressionCells),
      );
    } catch (error) {
      kept.push(...rows.map((row) => ({ spreadsheetId, row })));
      ctx.report.errors.push(`Suppressed tab not written yet: ${(error as Error).message}`);
    }
  });
  state.suppressionOutbox = kept;
  ctx.replyState.save();
}
