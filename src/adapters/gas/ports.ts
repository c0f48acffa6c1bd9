// Builds the Apps Script implementation of every port, once per execution (nothing survives
// between executions in Apps Script, so nothing here is cached in module state; what one
// execution opens is shared through one SpreadsheetOpener).
import type {
  CellValue,
  KeyValueStore,
  Ports,
  Spreadsheets,
  Triggers,
  UserLock,
} from '../../ports';
import { BatonError } from '../../core/errors';
import { gasDelegationPorts } from './delegation';
import { GmailApiMailbox } from './gmail';
import { GmailPacer } from './gmail-pace';
import { GmailApiHistory, SpreadsheetLogSheets } from './replies';
import { SpreadsheetOpener } from './spreadsheet-opener';

/** The user an execution runs as never changes during it: asked once. */
function once<T>(read: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value = value ?? { v: read() }).v;
}

class UserPropertiesStore implements KeyValueStore {
  private readonly properties = PropertiesService.getUserProperties();
  readAll(): Record<string, string> {
    return this.properties.getProperties();
  }
  write(entries: Record<string, string>, remove: string[] = []): void {
    if (Object.keys(entries).length > 0) this.properties.setProperties(entries);
    for (const key of remove) this.properties.deleteProperty(key);
  }
}

class AppsScriptUserLock implements UserLock {
  private readonly lock = LockService.getUserLock();
  tryAcquire(waitMs: number): boolean {
    return this.lock.tryLock(waitMs);
  }
  release(): void {
    this.lock.releaseLock();
  }
}

class SpreadsheetAppSheets implements Spreadsheets {
  constructor(private readonly sheets: SpreadsheetOpener) {}

  private tab(spreadsheetId: string, tabName: string): GoogleAppsScript.Spreadsheet.Sheet {
    const sheet = this.sheets.tab(spreadsheetId, tabName);
    if (!sheet)
      throw new BatonError(
        'NO_TAB',
        `This spreadsheet has no tab "${tabName}" (renamed or deleted?). Give the tab back its name, or choose a tab that exists.`,
      );
    return sheet;
  }
  readTab(spreadsheetId: string, tabName: string): CellValue[][] {
    return this.sheets.readValues(spreadsheetId, this.tab(spreadsheetId, tabName)) as CellValue[][];
  }
  writeBlock(id: string, tabName: string, row: number, column: number, values: CellValue[][]) {
    if (values.length === 0) return;
    this.sheets.written(id, tabName);
    this.tab(id, tabName).getRange(row, column, values.length, values[0].length).setValues(values);
  }
  tabNames(spreadsheetId: string): string[] {
    return this.sheets
      .open(spreadsheetId)
      .getSheets()
      .map((s) => s.getName());
  }
  url(spreadsheetId: string): string {
    return `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
  }
}

class ScriptAppTriggers implements Triggers {
  handlers(): string[] {
    return ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction());
  }
  installHourly(handler: string): void {
    ScriptApp.newTrigger(handler).timeBased().everyHours(1).create();
  }
  removeAll(handler: string): void {
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === handler) ScriptApp.deleteTrigger(t);
  }
}

export function gasPorts(): Ports {
  const spreadsheets = new SpreadsheetOpener();
  // Every Gmail API call of the execution counts against one per-user limit: one pacer for all.
  const pace = new GmailPacer(
    () => Date.now(),
    (ms) => Utilities.sleep(ms),
  );
  return {
    identity: { email: once(() => Session.getEffectiveUser().getEmail()) },
    clock: { now: () => Date.now() },
    lock: new AppsScriptUserLock(),
    store: new UserPropertiesStore(),
    mailbox: new GmailApiMailbox(pace),
    sheets: new SpreadsheetAppSheets(spreadsheets),
    triggers: new ScriptAppTriggers(),
    ids: { newId: () => Utilities.getUuid() },
    replies: {
      history: new GmailApiHistory(pace),
      logSheets: new SpreadsheetLogSheets(spreadsheets),
    },
    delegation: gasDelegationPorts(spreadsheets),
  };
}
