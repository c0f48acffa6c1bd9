// Reads a campaign tab (header row + one row per candidate) into candidates: finds the email
// column, validates addresses, sends a repeated address once, and says why a row is skipped.
import { shortHash } from './hash';
import { isValidTimeZone } from './schedule';
import { variableKey, variablesFromRow, type Variables } from './template';

/** The status columns Baton keeps beside the data, in this order. */
export const STATUS_HEADERS = ['Baton step', 'Baton last sent', 'Baton state', 'Baton thread'];

const EMAIL_HEADER_KEYS = ['email', 'emailaddress', 'e-mail', 'mail', 'courriel', 'correo'].map(
  variableKey,
);
const TIME_ZONE_KEYS = ['timezone', 'tz'];

export interface Candidate {
  /** 1-based row number in the sheet. */
  row: number;
  /** Address as normalised for matching: trimmed, lower case. */
  email: string;
  /** The stable key of this candidate in the store. */
  key: string;
  vars: Variables;
  /** The row's own time zone, when its `Time zone` cell holds a valid one. */
  timeZone?: string;
}

export interface SkippedRow {
  row: number;
  reason: string;
  /** The row's values, when it has an email column: a preview fills the step with them. */
  vars?: Variables;
}

export interface Roster {
  headers: string[];
  /** 0-based index of the email column, -1 when none was found. */
  emailColumn: number;
  /** 1-based column where the status block starts. */
  statusColumn: number;
  candidates: Candidate[];
  skipped: SkippedRow[];
  /** Number of data rows (without the header). */
  rowCount: number;
}

/** A cell as text: dates as YYYY-MM-DD, numbers and booleans as written. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const time = (value as Date).getTime();
    return isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
  }
  return String(value);
}

export function candidateKey(email: string): string {
  return shortHash(normaliseEmail(email));
}

/**
 * Invisible characters copy and paste leave in addresses, which mean nothing in one: stringprep's
 * "commonly mapped to nothing" (RFC 3454 table B.1: soft hyphen, zero-width space, word joiner,
 * variation selectors, byte-order mark...), less the zero-width (non-)joiners, which carry meaning
 * in some scripts and are refused instead.
 */
const IGNORABLE = /[\u00ad\u034f\u1806\u180b-\u180d\u200b\u2060\ufe00-\ufe0f\ufeff]/g;
/** Full-width ASCII (`ａ`, `＠`, `．`) as a Japanese or Chinese keyboard types it. */
const FULL_WIDTH = /[\uff01-\uff5e]/g;
/** Spaces trimmed from either end, the ideographic space included. */
const EDGE_SPACES = /^[\s\u3000]+|[\s\u3000]+$/g;
/** Format and control characters: invisible, so never accepted inside an address. */
const INVISIBLE = /[\p{Cf}\p{Cc}]/u;

/**
 * The address as Baton matches, stores and sends it: invisible characters removed, full-width
 * ASCII made ASCII, canonical Unicode form (NFC, as RFC 6532 asks), trimmed, lower case. What
 * else would change under NFKC (ligatures, superscripts, mathematical letters) is left for
 * invalidEmailReason to refuse: it only looks like an address.
 */
export function normaliseEmail(email: string): string {
  return email
    .replace(IGNORABLE, '')
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(EDGE_SPACES, '')
    .normalize('NFC')
    .toLowerCase();
}

const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]{2,}$/;

const codePoint = (c: string) =>
  `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why an address cannot be mailed, or undefined when it can. */
export function invalidEmailReason(raw: string): string | undefined {
  const email = normaliseEmail(raw);
  const shown = raw.trim().slice(0, 80);
  if (email === '') return 'No email address.';
  const invisible = INVISIBLE.exec(email);
  if (invisible)
    return `"${shown}" holds an invisible character (${codePoint(invisible[0])}): retype the address.`;
  const lookAlike = Array.from(email).find((c) => c.normalize('NFKC') !== c);
  if (lookAlike)
    return `"${shown}" holds "${lookAlike}" (${codePoint(lookAlike)}), which looks like "${lookAlike.normalize('NFKC')}" but is another character: retype the address.`;
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..'))
    return `"${shown}" is not a valid email address.`;
  return undefined;
}

/** The email column: the chosen header, else the first header that names an email. */
export function findEmailColumn(headers: string[], chosen?: string): number {
  const keys = headers.map(variableKey);
  if (chosen) return keys.indexOf(variableKey(chosen));
  const exact = keys.findIndex((k) => EMAIL_HEADER_KEYS.includes(k));
  return exact >= 0 ? exact : keys.findIndex((k) => k.includes('email'));
}

/** Variables the headers offer (every data header but the email and status columns). */
export function variableHeaders(headers: string[], emailColumn: number): string[] {
  const status = new Set(STATUS_HEADERS.map(variableKey));
  return headers.filter(
    (h, i) => i !== emailColumn && h.trim() !== '' && !status.has(variableKey(h)),
  );
}

export function readRoster(values: unknown[][], emailHeader?: string): Roster {
  const headers = (values[0] ?? []).map(cellText).map((h) => h.trim());
  const statusKeys = STATUS_HEADERS.map(variableKey);
  const firstStatus = headers.findIndex((h) => variableKey(h) === statusKeys[0]);
  let dataWidth = firstStatus >= 0 ? firstStatus : headers.length;
  while (dataWidth > 0 && headers[dataWidth - 1] === '') dataWidth--;
  const dataHeaders = headers.slice(0, dataWidth);
  const emailColumn = findEmailColumn(dataHeaders, emailHeader);
  const zoneColumn = dataHeaders.map(variableKey).findIndex((k) => TIME_ZONE_KEYS.includes(k));
  const roster: Roster = {
    headers: dataHeaders,
    emailColumn,
    statusColumn: firstStatus >= 0 ? firstStatus + 1 : dataWidth + 1,
    candidates: [],
    skipped: [],
    rowCount: Math.max(0, values.length - 1),
  };
  const firstRowOf = new Map<string, number>();
  for (let i = 1; i < values.length; i++) {
    const row = i + 1;
    const cells = values[i].slice(0, dataWidth).map(cellText);
    if (cells.every((c) => c.trim() === '')) continue;
    if (emailColumn < 0) {
      roster.skipped.push({ row, reason: 'No email column: name a column "Email".' });
      continue;
    }
    const raw = cells[emailColumn] ?? '';
    const vars = variablesFromRow(dataHeaders, cells);
    const invalid = invalidEmailReason(raw);
    if (invalid) {
      const fix = normaliseEmail(raw) === '' ? 'Add one' : 'Correct it';
      const reason = `${invalid} ${fix} in the sheet: Baton's next run includes this row.`;
      roster.skipped.push({ row, reason, vars });
      continue;
    }
    const email = normaliseEmail(raw);
    const earlier = firstRowOf.get(email);
    if (earlier !== undefined) {
      const reason = `Same address as row ${earlier}: sent once, there.`;
      roster.skipped.push({ row, reason, vars });
      continue;
    }
    firstRowOf.set(email, row);
    const zone = zoneColumn >= 0 ? cells[zoneColumn].trim() : '';
    roster.candidates.push({
      row,
      email,
      key: candidateKey(email),
      vars,
      timeZone: zone !== '' && isValidTimeZone(zone) ? zone : undefined,
    });
  }
  return roster;
}
