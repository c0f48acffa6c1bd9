// SpreadsheetApp: spreadsheets with an owner and editors, tabs of cell values, ranges (A1 or row/
// column), the value types Apps Script returns, its error messages, and the cost of round trips:
// writes are buffered and charged when the next read or a flush sends them.
import { ALPHANUMERIC, randomText } from '../random';
import type { Execution } from '../runtime';
import { guarded, type Assert, type Members, type RealMembersOnly } from './guard';
import { fakeUser } from './session';
import { formatDate } from './utilities';

export type CellValue = string | number | boolean | Date;

export interface ChartSpec {
  id: number;
  type: string;
  ranges: string[];
  position?: { row: number; column: number };
  options: Record<string, unknown>;
}

export interface Tab {
  sheetId: number;
  name: string;
  /** Rows of cells, 0-based; missing cells are empty (""). */
  rows: CellValue[][];
  charts: ChartSpec[];
}

export interface SpreadsheetRecord {
  id: string;
  name: string;
  owner: string;
  editors: Set<string>;
  viewers: Set<string>;
  tabs: Tab[];
  timeZone: string;
}

export interface NewSpreadsheet {
  /** Its id (a saved world's); default: a new random one. */
  id?: string;
  owner: string;
  name?: string;
  /** Tab name → rows of values; the first tab is the active one. Default: one empty "Sheet1". */
  tabs?: Record<string, unknown[][]>;
  editors?: string[];
  timeZone?: string;
}

export const NO_PERMISSION = 'You do not have permission to access the requested document.';
const MIN_ROWS = 1000;
const MIN_COLUMNS = 26;
const ID_ALPHABET = `${ALPHANUMERIC}-_`;

const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]';

/** What Sheets stores for a value a script writes: numbers parsed from numeric text, dates kept. */
export function storedValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDate(value)) return new Date((value as Date).getTime());
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text.trim()) && text.trim().length < 16) return Number(text);
  return text;
}

/** Every spreadsheet of the world. */
export class SheetStore {
  private readonly byId = new Map<string, SpreadsheetRecord>();

  constructor(private readonly random: () => number) {}

  private newId(): string {
    return `1${randomText(this.random, 43, ID_ALPHABET)}`;
  }

  create(spec: NewSpreadsheet): SpreadsheetRecord {
    const tabs = Object.entries(spec.tabs ?? { Sheet1: [] }).map(([name, rows], index) => ({
      sheetId: index === 0 ? 0 : Math.floor(this.random() * 2 ** 30),
      name,
      rows: rows.map((row) => row.map(storedValue)),
      charts: [],
    }));
    if (spec.id !== undefined && this.byId.has(spec.id))
      throw new Error(`A spreadsheet with id ${spec.id} already exists in this world.`);
    const record: SpreadsheetRecord = {
      id: spec.id ?? this.newId(),
      name: spec.name ?? 'Untitled spreadsheet',
      owner: spec.owner,
      editors: new Set(spec.editors ?? []),
      viewers: new Set(),
      tabs,
      timeZone: spec.timeZone ?? 'Etc/UTC',
    };
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): SpreadsheetRecord | undefined {
    return this.byId.get(id);
  }

  all(): SpreadsheetRecord[] {
    return [...this.byId.values()];
  }

  share(id: string, email: string): void {
    this.require(id).editors.add(email);
  }

  /** A copy of a tab's values (trailing empty cells trimmed per the tab's extent), for tests. */
  values(id: string, tabName?: string): CellValue[][] {
    const record = this.require(id);
    const tab = tabName ? record.tabs.find((t) => t.name === tabName) : record.tabs[0];
    if (!tab) throw new Error(`Spreadsheet ${id} has no tab named ${tabName}.`);
    const { lastRow, lastColumn } = extent(tab);
    return Array.from({ length: lastRow }, (_, r) =>
      Array.from({ length: lastColumn }, (_, c) => tab.rows[r]?.[c] ?? ''),
    );
  }

  canOpen(record: SpreadsheetRecord, email: string): boolean {
    return record.owner === email || record.editors.has(email) || record.viewers.has(email);
  }

  private require(id: string): SpreadsheetRecord {
    const record = this.byId.get(id);
    if (!record) throw new Error(`No spreadsheet with id ${id} in this world.`);
    return record;
  }
}

/** Last row and column holding a non-empty value (1-based; 0 when the tab is empty). */
export function extent(tab: Tab): { lastRow: number; lastColumn: number } {
  let lastRow = 0;
  let lastColumn = 0;
  tab.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell !== '' && cell !== undefined) {
        lastRow = Math.max(lastRow, r + 1);
        lastColumn = Math.max(lastColumn, c + 1);
      }
    }),
  );
  return { lastRow, lastColumn };
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

interface Box {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** Parses `A1`, `A1:C3`, `A:C`, `A2:C`, `2:3` against a tab of the given size. */
export function parseA1(a1: string, maxRows: number, maxColumns: number): Box | undefined {
  const match = /^\$?([A-Za-z]*)\$?(\d*)(?::\$?([A-Za-z]*)\$?(\d*))?$/.exec(a1.trim());
  if (!match) return undefined;
  const [, c1, r1, c2, r2] = match;
  const single = match[3] === undefined && match[4] === undefined;
  if (!c1 && !r1) return undefined;
  if (single && (!c1 || !r1)) return undefined;
  const startColumn = c1 ? columnNumber(c1) : 1;
  const startRow = r1 ? Number(r1) : 1;
  const endColumn = single
    ? startColumn
    : c2
      ? columnNumber(c2)
      : c1 && !r1
        ? startColumn
        : maxColumns;
  const endRow = single ? startRow : r2 ? Number(r2) : maxRows;
  if (startRow < 1 || endRow < startRow || endColumn < startColumn) return undefined;
  return {
    row: startRow,
    column: startColumn,
    numRows: endRow - startRow + 1,
    numColumns: endColumn - startColumn + 1,
  };
}

const SERVICE = 'SpreadsheetApp';

/** Per-execution buffering: which spreadsheets have writes not yet sent. */
function pendingWrites(exec: Execution): Set<string> {
  let pending = exec.scratch.get('sheets.pending') as Set<string> | undefined;
  if (!pending) {
    pending = new Set();
    exec.scratch.set('sheets.pending', pending);
    exec.finishers.push(() => flushAll(exec));
  }
  return pending;
}

function chargeFlush(exec: Execution): void {
  exec.methods['SpreadsheetApp.(flush)'] = (exec.methods['SpreadsheetApp.(flush)'] ?? 0) + 1;
  exec.spend(exec.world.cost.latency('spreadsheet.flush', exec.random));
}

function flushAll(exec: Execution): void {
  const pending = pendingWrites(exec);
  if (pending.size === 0) return;
  pending.clear();
  chargeFlush(exec);
}

/** The spreadsheet emulation of one execution. */
class SheetsSession {
  constructor(readonly exec: Execution) {}

  read<T>(record: SpreadsheetRecord, method: string, body: () => T): T {
    return this.exec.invoke(
      SERVICE,
      method,
      () => {
        const pending = pendingWrites(this.exec);
        if (pending.delete(record.id)) chargeFlush(this.exec);
        return body();
      },
      'spreadsheet.read',
    );
  }

  write<T>(record: SpreadsheetRecord, method: string, body: () => T): T {
    return this.exec.invoke(
      SERVICE,
      method,
      () => {
        const result = body();
        pendingWrites(this.exec).add(record.id);
        return result;
      },
      'spreadsheet.write',
    );
  }

  local<T>(method: string, body: () => T): T {
    return this.exec.invoke(SERVICE, method, body, 'spreadsheet.local');
  }

  open(record: SpreadsheetRecord | undefined, method: string): FakeSpreadsheet {
    return this.exec.invoke(
      SERVICE,
      method,
      () => {
        if (!record || !this.exec.world.sheets.canOpen(record, this.exec.user.email))
          throw this.exec.error(NO_PERMISSION);
        return this.spreadsheet(record);
      },
      'spreadsheet.open',
    );
  }

  spreadsheet(record: SpreadsheetRecord): FakeSpreadsheet {
    return guarded(this.exec, 'Spreadsheet', new FakeSpreadsheet(this, record));
  }

  sheet(record: SpreadsheetRecord, tab: Tab): FakeSheet {
    return guarded(this.exec, 'Sheet', new FakeSheet(this, record, tab));
  }

  range(record: SpreadsheetRecord, tab: Tab, box: Box): FakeRange {
    return guarded(this.exec, 'Range', new FakeRange(this, record, tab, box));
  }

  user(email: string) {
    return fakeUser(this.exec, email);
  }

  /** A value as the script sees it: dates in its own realm. */
  out(value: CellValue | undefined): unknown {
    if (value === undefined) return '';
    return isDate(value) ? new this.exec.realm.Date(value.getTime()) : value;
  }

  grid<T>(rows: T[][]): T[][] {
    return this.exec.realm.Array.from(rows, (row) => this.exec.realm.Array.from(row));
  }
}

class FakeSpreadsheet {
  constructor(
    private readonly session: SheetsSession,
    private readonly record: SpreadsheetRecord,
  ) {}

  private get exec(): Execution {
    return this.session.exec;
  }

  getId(): string {
    return this.record.id;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.record.id}/edit`;
  }
  getName(): string {
    return this.session.local('Spreadsheet.getName', () => this.record.name);
  }
  rename(name: string): void {
    this.session.write(this.record, 'Spreadsheet.rename', () => void (this.record.name = name));
  }
  getSpreadsheetTimeZone(): string {
    return this.record.timeZone;
  }
  getSheets(): FakeSheet[] {
    return this.session.local('Spreadsheet.getSheets', () =>
      this.exec.realm.Array.from(
        this.record.tabs.map((tab) => this.session.sheet(this.record, tab)),
      ),
    );
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.session.local('Spreadsheet.getSheetByName', () => {
      const tab = this.record.tabs.find((t) => t.name === name);
      return tab ? this.session.sheet(this.record, tab) : null;
    });
  }
  getSheetById(id: number): FakeSheet | null {
    const tab = this.record.tabs.find((t) => t.sheetId === id);
    return tab ? this.session.sheet(this.record, tab) : null;
  }
  getActiveSheet(): FakeSheet {
    return this.session.sheet(this.record, this.record.tabs[0]);
  }
  getRange(a1: string): FakeRange {
    const [tabName, cells] = splitSheetName(a1);
    const tab = tabName ? this.record.tabs.find((t) => t.name === tabName) : this.record.tabs[0];
    if (!tab || !cells) throw this.exec.error(`Range not found`);
    return this.session.sheet(this.record, tab).getRange(cells);
  }
  insertSheet(name?: string, index?: number): FakeSheet {
    return this.session.write(this.record, 'Spreadsheet.insertSheet', () => {
      const tabName = name ?? `Sheet${this.record.tabs.length + 1}`;
      if (this.record.tabs.some((t) => t.name === tabName))
        throw this.exec.error(
          `A sheet with the name "${tabName}" already exists. Please enter another name.`,
        );
      const tab: Tab = {
        sheetId: Math.floor(this.exec.world.random() * 2 ** 30),
        name: tabName,
        rows: [],
        charts: [],
      };
      this.record.tabs.splice(index ?? this.record.tabs.length, 0, tab);
      return this.session.sheet(this.record, tab);
    });
  }
  deleteSheet(sheet: FakeSheet): void {
    this.session.write(this.record, 'Spreadsheet.deleteSheet', () => {
      if (this.record.tabs.length === 1)
        throw this.exec.error("You can't remove all the sheets in a document.");
      const index = this.record.tabs.findIndex((t) => t.sheetId === sheet.getSheetId());
      if (index >= 0) this.record.tabs.splice(index, 1);
    });
  }
  private emailOf(user: string | { getEmail(): string }): string {
    return typeof user === 'string' ? user : user.getEmail();
  }
  private mustOwnOrEdit(): void {
    const email = this.exec.user.email;
    if (this.record.owner !== email && !this.record.editors.has(email))
      throw this.exec.error(NO_PERMISSION);
  }
  addEditor(user: string | { getEmail(): string }): FakeSpreadsheet {
    return this.session.exec.invoke(
      SERVICE,
      'Spreadsheet.addEditor',
      () => {
        this.mustOwnOrEdit();
        this.record.editors.add(this.emailOf(user));
        return this;
      },
      'spreadsheet.open',
    );
  }
  addEditors(users: string[]): FakeSpreadsheet {
    return this.session.exec.invoke(
      SERVICE,
      'Spreadsheet.addEditors',
      () => {
        this.mustOwnOrEdit();
        for (const user of users) this.record.editors.add(this.emailOf(user));
        return this;
      },
      'spreadsheet.open',
    );
  }
  removeEditor(user: string | { getEmail(): string }): FakeSpreadsheet {
    return this.session.exec.invoke(
      SERVICE,
      'Spreadsheet.removeEditor',
      () => {
        this.mustOwnOrEdit();
        this.record.editors.delete(this.emailOf(user));
        return this;
      },
      'spreadsheet.open',
    );
  }
  getEditors(): unknown[] {
    return this.session.local('Spreadsheet.getEditors', () =>
      this.exec.realm.Array.from(
        [this.record.owner, ...this.record.editors].map((email) => this.session.user(email)),
      ),
    );
  }
  getOwner(): unknown {
    return this.session.local('Spreadsheet.getOwner', () => this.session.user(this.record.owner));
  }
  toast(): void {
    // A toast shows in the user's browser only; nothing to record.
  }
}

function splitSheetName(a1: string): [string | undefined, string] {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return [undefined, a1];
  const name = a1
    .slice(0, bang)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return [name, a1.slice(bang + 1)];
}

class FakeSheet {
  constructor(
    private readonly session: SheetsSession,
    private readonly record: SpreadsheetRecord,
    private readonly tab: Tab,
  ) {}

  private get exec(): Execution {
    return this.session.exec;
  }

  getName(): string {
    return this.tab.name;
  }
  setName(name: string): FakeSheet {
    return this.session.write(this.record, 'Sheet.setName', () => {
      this.tab.name = name;
      return this;
    });
  }
  getSheetId(): number {
    return this.tab.sheetId;
  }
  getIndex(): number {
    return this.record.tabs.indexOf(this.tab) + 1;
  }
  getParent(): FakeSpreadsheet {
    return this.session.spreadsheet(this.record);
  }
  getMaxRows(): number {
    return Math.max(MIN_ROWS, extent(this.tab).lastRow);
  }
  getMaxColumns(): number {
    return Math.max(MIN_COLUMNS, extent(this.tab).lastColumn);
  }
  getLastRow(): number {
    return this.session.read(this.record, 'Sheet.getLastRow', () => extent(this.tab).lastRow);
  }
  getLastColumn(): number {
    return this.session.read(this.record, 'Sheet.getLastColumn', () => extent(this.tab).lastColumn);
  }
  getRange(
    rowOrA1: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    if (typeof rowOrA1 === 'string') {
      const box = parseA1(rowOrA1, this.getMaxRows(), this.getMaxColumns());
      if (!box) throw this.exec.error('Range not found');
      return this.session.range(this.record, this.tab, box);
    }
    const box = {
      row: rowOrA1,
      column: column ?? 1,
      numRows: numRows ?? 1,
      numColumns: numColumns ?? 1,
    };
    if (
      !Number.isInteger(box.row) ||
      !Number.isInteger(box.column) ||
      box.row < 1 ||
      box.column < 1
    )
      throw this.exec.error(
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    if (box.numRows < 1)
      throw this.exec.error('The number of rows in the range must be at least 1.');
    if (box.numColumns < 1)
      throw this.exec.error('The number of columns in the range must be at least 1.');
    return this.session.range(this.record, this.tab, box);
  }
  getDataRange(): FakeRange {
    const { lastRow, lastColumn } = extent(this.tab);
    return this.getRange(1, 1, Math.max(1, lastRow), Math.max(1, lastColumn));
  }
  appendRow(values: unknown[]): FakeSheet {
    return this.session.write(this.record, 'Sheet.appendRow', () => {
      const row = extent(this.tab).lastRow;
      this.tab.rows[row] = values.map(storedValue);
      return this;
    });
  }
  clear(): FakeSheet {
    return this.session.write(this.record, 'Sheet.clear', () => {
      this.tab.rows = [];
      return this;
    });
  }
  clearContents(): FakeSheet {
    return this.clear();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.session.write(
      this.record,
      'Sheet.deleteRows',
      () => void this.tab.rows.splice(rowPosition - 1, howMany),
    );
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  setFrozenRows(_rows: number): void {
    this.session.write(this.record, 'Sheet.setFrozenRows', () => undefined);
  }
  setColumnWidth(_column: number, _width: number): FakeSheet {
    return this.session.write(this.record, 'Sheet.setColumnWidth', () => this);
  }
  autoResizeColumns(_start: number, _count: number): FakeSheet {
    return this.session.write(this.record, 'Sheet.autoResizeColumns', () => this);
  }
  newChart() {
    return chartBuilder(this.session, this.tab);
  }
  insertChart(chart: { spec: ChartSpec }): void {
    this.session.write(
      this.record,
      'Sheet.insertChart',
      () => void this.tab.charts.push(chart.spec),
    );
  }
  getCharts(): unknown[] {
    return this.session.read(this.record, 'Sheet.getCharts', () =>
      this.exec.realm.Array.from(this.tab.charts.map((spec) => embeddedChart(this.session, spec))),
    );
  }
  updateChart(chart: { spec: ChartSpec }): void {
    this.session.write(this.record, 'Sheet.updateChart', () => {
      const index = this.tab.charts.findIndex((c) => c.id === chart.spec.id);
      if (index >= 0) this.tab.charts[index] = chart.spec;
    });
  }
  removeChart(chart: { spec: ChartSpec }): void {
    this.session.write(this.record, 'Sheet.removeChart', () => {
      this.tab.charts = this.tab.charts.filter((c) => c.id !== chart.spec.id);
    });
  }
}

function embeddedChart(session: SheetsSession, spec: ChartSpec) {
  return guarded(session.exec, 'EmbeddedChart', {
    spec,
    getId: () => String(spec.id),
    getChartId: () => spec.id,
    getType: () => spec.type,
    getOptions: () => session.exec.toRealm(spec.options),
    modify: () => chartBuilder(session, undefined, spec),
  });
}

function chartBuilder(session: SheetsSession, tab?: Tab, existing?: ChartSpec) {
  const spec: ChartSpec = existing
    ? { ...existing, ranges: [...existing.ranges], options: { ...existing.options } }
    : {
        id: Math.floor(session.exec.world.random() * 2 ** 30),
        type: 'COLUMN',
        ranges: [],
        options: {},
      };
  void tab;
  const builder = {
    addRange: (range: FakeRange) => {
      spec.ranges.push(range.getA1Notation());
      return proxy;
    },
    clearRanges: () => {
      spec.ranges = [];
      return proxy;
    },
    setChartType: (type: string) => {
      spec.type = String(type);
      return proxy;
    },
    asColumnChart: () => builder.setChartType('COLUMN'),
    asBarChart: () => builder.setChartType('BAR'),
    asLineChart: () => builder.setChartType('LINE'),
    asPieChart: () => builder.setChartType('PIE'),
    setOption: (name: string, value: unknown) => {
      spec.options[name] = value;
      return proxy;
    },
    setPosition: (row: number, column: number, _offsetX: number, _offsetY: number) => {
      spec.position = { row, column };
      return proxy;
    },
    build: () => embeddedChart(session, spec),
  };
  const proxy = guarded(session.exec, 'EmbeddedChartBuilder', builder);
  return proxy;
}

class FakeRange {
  constructor(
    private readonly session: SheetsSession,
    private readonly record: SpreadsheetRecord,
    private readonly tab: Tab,
    private readonly box: Box,
  ) {}

  private get exec(): Execution {
    return this.session.exec;
  }

  private cells(): (CellValue | undefined)[][] {
    return Array.from({ length: this.box.numRows }, (_, r) =>
      Array.from(
        { length: this.box.numColumns },
        (_, c) => this.tab.rows[this.box.row - 1 + r]?.[this.box.column - 1 + c],
      ),
    );
  }

  private put(r: number, c: number, value: CellValue): void {
    const rowIndex = this.box.row - 1 + r;
    const row = (this.tab.rows[rowIndex] ??= []);
    for (let i = row.length; i < this.box.column - 1 + c; i += 1) row[i] = '';
    row[this.box.column - 1 + c] = value;
  }

  getRow(): number {
    return this.box.row;
  }
  getColumn(): number {
    return this.box.column;
  }
  getNumRows(): number {
    return this.box.numRows;
  }
  getNumColumns(): number {
    return this.box.numColumns;
  }
  getLastRow(): number {
    return this.box.row + this.box.numRows - 1;
  }
  getLastColumn(): number {
    return this.box.column + this.box.numColumns - 1;
  }
  getSheet(): FakeSheet {
    return this.session.sheet(this.record, this.tab);
  }
  getA1Notation(): string {
    const start = `${columnLetters(this.box.column)}${this.box.row}`;
    if (this.box.numRows === 1 && this.box.numColumns === 1) return start;
    return `${start}:${columnLetters(this.getLastColumn())}${this.getLastRow()}`;
  }
  getValues(): unknown[][] {
    return this.session.read(this.record, 'Range.getValues', () =>
      this.session.grid(this.cells().map((row) => row.map((cell) => this.session.out(cell)))),
    );
  }
  getValue(): unknown {
    return this.session.read(this.record, 'Range.getValue', () =>
      this.session.out(this.cells()[0][0]),
    );
  }
  getDisplayValues(): string[][] {
    return this.session.read(this.record, 'Range.getDisplayValues', () =>
      this.session.grid(this.cells().map((row) => row.map((cell) => this.display(cell)))),
    );
  }
  getDisplayValue(): string {
    return this.session.read(this.record, 'Range.getDisplayValue', () =>
      this.display(this.cells()[0][0]),
    );
  }
  private display(cell: CellValue | undefined): string {
    if (cell === undefined || cell === '') return '';
    if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
    if (isDate(cell)) return formatDate(cell.getTime(), this.record.timeZone, 'M/d/yyyy H:mm:ss');
    return String(cell);
  }
  setValues(values: unknown[][]): FakeRange {
    return this.session.write(this.record, 'Range.setValues', () => {
      if (!Array.isArray(values) || values.length !== this.box.numRows)
        throw this.exec.error(
          `The number of rows in the data does not match the number of rows in the range. The data has ${Array.isArray(values) ? values.length : 0} but the range has ${this.box.numRows}.`,
        );
      for (const row of values)
        if (!Array.isArray(row) || row.length !== this.box.numColumns)
          throw this.exec.error(
            `The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${this.box.numColumns}.`,
          );
      values.forEach((row, r) => row.forEach((value, c) => this.put(r, c, storedValue(value))));
      return this;
    });
  }
  setValue(value: unknown): FakeRange {
    return this.session.write(this.record, 'Range.setValue', () => {
      for (let r = 0; r < this.box.numRows; r += 1)
        for (let c = 0; c < this.box.numColumns; c += 1) this.put(r, c, storedValue(value));
      return this;
    });
  }
  clear(): FakeRange {
    return this.session.write(this.record, 'Range.clear', () => {
      for (let r = 0; r < this.box.numRows; r += 1)
        for (let c = 0; c < this.box.numColumns; c += 1)
          if (this.tab.rows[this.box.row - 1 + r]) this.put(r, c, '');
      return this;
    });
  }
  clearContent(): FakeRange {
    return this.clear();
  }
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    return this.session.range(this.record, this.tab, {
      row: this.box.row + rowOffset,
      column: this.box.column + columnOffset,
      numRows: numRows ?? this.box.numRows,
      numColumns: numColumns ?? this.box.numColumns,
    });
  }
}

/** Formatting calls Baton may make: accepted and charged as writes, but not stored. */
const FORMATTING = [
  'setFontWeight',
  'setFontWeights',
  'setBackground',
  'setBackgrounds',
  'setFontColor',
  'setNumberFormat',
  'setNumberFormats',
  'setWrap',
  'setHorizontalAlignment',
  'setNote',
];
for (const method of FORMATTING) {
  Object.defineProperty(FakeRange.prototype, method, {
    value(this: FakeRange) {
      const self = this as unknown as { session: SheetsSession; record: SpreadsheetRecord };
      return self.session.write(self.record, `Range.${method}`, () => this);
    },
  });
}

/** The SpreadsheetApp (and Charts) globals of one execution. */
export function spreadsheetService(exec: Execution): Record<string, unknown> {
  const session = new SheetsSession(exec);
  const sheets = exec.world.sheets;
  const chartTypes = Object.fromEntries(
    ['AREA', 'BAR', 'COLUMN', 'LINE', 'PIE', 'SCATTER', 'TABLE', 'COMBO'].map((t) => [t, t]),
  );
  const spreadsheetApp = {
    openById: (id: string) => session.open(sheets.get(String(id)), 'openById'),
    openByUrl: (url: string) => {
      const id = /\/d\/([A-Za-z0-9_-]+)/.exec(String(url))?.[1] ?? '';
      return session.open(sheets.get(id), 'openByUrl');
    },
    getActiveSpreadsheet: () => {
      const id = exec.documentId;
      return id === undefined ? null : session.open(sheets.get(id), 'getActiveSpreadsheet');
    },
    getActive: () => spreadsheetApp.getActiveSpreadsheet(),
    create: (name: string) =>
      exec.invoke(
        SERVICE,
        'create',
        () => session.spreadsheet(sheets.create({ owner: exec.user.email, name: String(name) })),
        'spreadsheet.open',
      ),
    flush: () => exec.invoke(SERVICE, 'flush', () => flushAll(exec), 'spreadsheet.local'),
  } satisfies Members<GoogleAppsScript.Spreadsheet.SpreadsheetApp>;
  return {
    SpreadsheetApp: guarded(exec, 'SpreadsheetApp', spreadsheetApp),
    Charts: guarded(exec, 'Charts', {
      ChartType: chartTypes,
    } satisfies Members<GoogleAppsScript.Charts.Charts>),
  };
}

/** Compile-time checks: every public member of the fakes exists in real Apps Script. */
export type SpreadsheetFidelity = Assert<
  RealMembersOnly<FakeSpreadsheet, GoogleAppsScript.Spreadsheet.Spreadsheet>
>;
export type SheetFidelity = Assert<RealMembersOnly<FakeSheet, GoogleAppsScript.Spreadsheet.Sheet>>;
export type RangeFidelity = Assert<RealMembersOnly<FakeRange, GoogleAppsScript.Spreadsheet.Range>>;
