// Builds the Apps Script implementation of every port, once per execution (nothing survives
// between executions in Apps Script, so nothing here is cached in module state).
import type {
  CellValue,
  KeyValueStore,
  Ports,
  Spreadsheets,
  Triggers,
  UserLock,
} from '../../ports';
import { gasDelegationPorts } from './delegation';
import { GmailApiMailbox } from './gmail';
import { GmailApiHistory, SpreadsheetLogSheets } from './replies';

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

function tab(spreadsheetId: string, tabName: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.openById(spreadsheetId).getSheetByName(tabName);
  if (!sheet) throw new Error(`The tab "${tabName}" is missing from the campaign's spreadsheet.`);
  return sheet;
}

class SpreadsheetAppSheets implements Spreadsheets {
  readTab(spreadsheetId: string, tabName: string): CellValue[][] {
    return tab(spreadsheetId, tabName).getDataRange().getValues();
  }
  writeBlock(id: string, tabName: string, row: number, column: number, values: CellValue[][]) {
    if (values.length === 0) return;
    tab(id, tabName).getRange(row, column, values.length, values[0].length).setValues(values);
  }
  tabNames(spreadsheetId: string): string[] {
    return SpreadsheetApp.openById(spreadsheetId)
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
  return {
    identity: { email: () => Session.getEffectiveUser().getEmail() },
    clock: { now: () => Date.now() },
    lock: new AppsScriptUserLock(),
    store: new UserPropertiesStore(),
    mailbox: new GmailApiMailbox(),
    sheets: new SpreadsheetAppSheets(),
    triggers: new ScriptAppTriggers(),
    ids: { newId: () => Utilities.getUuid() },
    replies: { history: new GmailApiHistory(), logSheets: new SpreadsheetLogSheets() },
    delegation: gasDelegationPorts(),
  };
}
