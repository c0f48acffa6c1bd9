// The reply scan's ports on Apps Script: Gmail API history and raw messages (advanced service),
// and the campaign spreadsheet's Replies and Dashboard tabs (SpreadsheetApp).
import type { CellValue } from '../../ports';
import type {
  CampaignLogSheets,
  ChartSpec,
  HistoryPage,
  MailHistory,
  RawMessage,
  ThreadMessage,
} from '../../ports/replies';
import { gmailUsers, isNotFound } from './gmail';
import { GMAIL_UNITS, type GmailPacer } from './gmail-pace';
import { appendRowsLocked, cellText, SpreadsheetOpener } from './spreadsheet-opener';

const ME = 'me';

/** The advanced service returns `raw` as web-safe base64 text or as bytes, depending on the runtime. */
function rawToBinary(raw: unknown): string {
  const bytes: number[] =
    typeof raw === 'string' ? Utilities.base64DecodeWebSafe(raw) : ((raw ?? []) as number[]);
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] & 0xff);
  return binary;
}

export class GmailApiHistory implements MailHistory {
  /** `pace` is the execution's one Gmail pacer, shared with the mailbox (gmail-pace.ts). */
  constructor(private readonly pace: GmailPacer) {}

  currentHistoryId(): string {
    const profile = this.pace.run(GMAIL_UNITS.getProfile, () => gmailUsers().getProfile(ME));
    return String(profile.historyId ?? '');
  }

  messagesAddedSince(startHistoryId: string, pageToken?: string): HistoryPage | undefined {
    let page: GoogleAppsScript.Gmail.Schema.ListHistoryResponse;
    try {
      const query = { startHistoryId, historyTypes: ['messageAdded'], pageToken, maxResults: 500 };
      page = this.pace.run(GMAIL_UNITS.historyList, () => gmailUsers().History.list(ME, query));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const messages: HistoryPage['messages'] = [];
    for (const record of page.history ?? []) {
      for (const added of record.messagesAdded ?? []) {
        const message = added.message ?? {};
        messages.push({
          id: message.id ?? '',
          threadId: message.threadId ?? '',
          labelIds: message.labelIds ?? [],
          historyId: String(record.id ?? ''),
        });
      }
    }
    return {
      messages,
      historyId: String(page.historyId ?? startHistoryId),
      nextPageToken: page.nextPageToken ?? undefined,
    };
  }

  threadMessages(threadId: string): ThreadMessage[] {
    let thread: GoogleAppsScript.Gmail.Schema.Thread;
    try {
      thread = this.pace.run(GMAIL_UNITS.threadsGet, () =>
        gmailUsers().Threads.get(ME, threadId, { format: 'minimal' }),
      );
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    return (thread.messages ?? []).map((m) => ({
      id: m.id ?? '',
      threadId: m.threadId ?? threadId,
      labelIds: m.labelIds ?? [],
      receivedAt: Number(m.internalDate ?? 0),
    }));
  }

  readRaw(messageId: string): RawMessage {
    const message = this.pace.run(GMAIL_UNITS.get, () =>
      gmailUsers().Messages.get(ME, messageId, { format: 'raw' }),
    );
    return {
      id: message.id ?? messageId,
      threadId: message.threadId ?? '',
      raw: rawToBinary(message.raw),
      receivedAt: Number(message.internalDate ?? 0),
    };
  }
}

export class SpreadsheetLogSheets implements CampaignLogSheets {
  constructor(private readonly spreadsheets: SpreadsheetOpener) {}

  appendRows(id: string, tabName: string, header: readonly string[], rows: CellValue[][]): void {
    appendRowsLocked(
      this.spreadsheets,
      id,
      tabName,
      header,
      rows,
      `The "${tabName}" tab is busy (another tick is writing it); retried next tick.`,
    );
  }

  readColumn(id: string, tabName: string, column: number): string[] {
    const sheet = this.spreadsheets.tab(id, tabName);
    if (!sheet || sheet.getLastRow() < 2) return [];
    return sheet
      .getRange(2, column, sheet.getLastRow() - 1, 1)
      .getValues()
      .map((row) => cellText(row[0]));
  }

  readRows(id: string, tabName: string): string[][] {
    return this.spreadsheets.textRows(id, tabName);
  }

  readRowsFrom(id: string, tabName: string, firstRow: number, width: number): string[][] {
    const sheet = this.spreadsheets.tab(id, tabName);
    // Row 1 is the header: data row n is sheet row n + 1. Reading to the sheet's last row in one
    // call (its size is known without a round trip) spares a getLastRow round trip per tick.
    const rows = sheet ? sheet.getMaxRows() - firstRow : 0;
    if (!sheet || rows < 1) return [];
    const values = sheet
      .getRange(firstRow + 1, 1, rows, width)
      .getValues()
      .map((row) => row.map(cellText));
    let end = values.length;
    while (end > 0 && values[end - 1].every((cell) => cell === '')) end--;
    return values.slice(0, end);
  }

  writeDashboard(id: string, tabName: string, values: CellValue[][], chart?: ChartSpec): boolean {
    const spreadsheet = this.spreadsheets.open(id);
    this.spreadsheets.written(id, tabName);
    const sheet = spreadsheet.getSheetByName(tabName) ?? spreadsheet.insertSheet(tabName);
    sheet.clear();
    const width = Math.max(...values.map((row) => row.length));
    const block = values.map((row) => [
      ...row,
      ...new Array<CellValue>(width - row.length).fill(''),
    ]);
    sheet.getRange(1, 1, block.length, width).setValues(block);
    if (!chart) return false;
    try {
      for (const old of sheet.getCharts()) sheet.removeChart(old);
      const built = sheet
        .newChart()
        .setChartType(Charts.ChartType.COLUMN)
        .addRange(sheet.getRange(chart.row, chart.column, chart.rows, chart.columns))
        .setPosition(chart.row, chart.column + chart.columns + 1, 0, 0)
        .setOption('title', chart.title)
        .build();
      sheet.insertChart(built);
      return true;
    } catch (error) {
      // A spreadsheet service without charts still gets its figures; the tab says so.
      console.warn(`Dashboard chart not drawn: ${(error as Error).message}`);
      return false;
    }
  }
}
