// Finds the date an out-of-office reply says its author is away until, in English, German, French,
// Spanish, Dutch and Japanese date styles. Taking the LAST plausible date named keeps mail away longest.
// Days are the writer's: the reference day is the local day of the message's Date header.
import { offsetMinutes } from '../schedule';
import { findRelativeReturnDay } from './relativeDate';

const MONTH_NAMES: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'januari']],
  [2, ['february', 'feb', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'februari']],
  [3, ['march', 'mar', 'märz', 'maerz', 'mär', 'mars', 'marzo', 'maart', 'mrt']],
  [4, ['april', 'apr', 'avril', 'avr', 'abril', 'abr']],
  [5, ['may', 'mai', 'mayo', 'mei']],
  [6, ['june', 'jun', 'juni', 'juin', 'junio']],
  [7, ['july', 'jul', 'juli', 'juillet', 'juil', 'julio']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus']],
  [9, ['september', 'sept', 'sep', 'septembre', 'septiembre', 'setiembre']],
  [10, ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre']],
  [11, ['november', 'nov', 'novembre', 'noviembre']],
  [12, ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic']],
];

const MONTH_BY_NAME: Record<string, number> = {};
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTH_BY_NAME[name] = month;
const MONTH = Object.keys(MONTH_BY_NAME)
  .sort((a, b) => b.length - a.length)
  .join('|');

const NOT_LETTER = '(?<![\\p{L}\\d])';
const NOT_LETTER_AFTER = '(?![\\p{L}])';

interface DateCandidate {
  day: number;
  month: number;
  year?: number;
}

/** `dayFirst`: whether numeric dates in this text put the day first (see numericOrder). */
type Extractor = (m: RegExpExecArray, dayFirst: boolean) => DateCandidate[];

function year(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const value = Number(text);
  return text.length === 2 ? 2000 + value : value;
}

const NUMERIC_DATE = /(?<![\d.:/])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d:])/gu;

/**
 * Whether the text writes numeric dates day first: decided by any unambiguous date in it
 * ("28/12" is day first, "12/28" month first); day first otherwise, as in most of the languages
 * covered (and in English outside the US).
 */
function numericOrder(text: string): boolean {
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) {
    if (+m[1] > 12 && +m[3] <= 12) return true;
    if (+m[3] > 12 && +m[1] <= 12) return false;
  }
  return true;
}

/** Each pattern and how its groups become dates. */
const DATE_PATTERNS: Array<[RegExp, Extractor]> = [
  [/(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu, (m) => [{ year: +m[1], month: +m[2], day: +m[3] }]],
  [
    /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu,
    (m) => [{ year: year(m[1]), month: +m[2], day: +m[3] }],
  ],
  [
    new RegExp(
      `${NOT_LETTER}(\\d{1,2})(?:st|nd|rd|th|er|e|º)?\\.?\\s*(?:de\\s+)?(${MONTH})\\.?${NOT_LETTER_AFTER}(?:,?\\s*(?:de\\s+)?(\\d{4}))?`,
      'gu',
    ),
    (m) => [{ day: +m[1], month: MONTH_BY_NAME[m[2]], year: year(m[3]) }],
  ],
  [
    new RegExp(
      `${NOT_LETTER}(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s*(\\d{4}))?`,
      'gu',
    ),
    (m) => [{ day: +m[2], month: MONTH_BY_NAME[m[1]], year: year(m[3]) }],
  ],
  [
    NUMERIC_DATE,
    (m, dayFirst) => {
      // Without a year, "9.30" is a time and "3-4" a range: only d/m or d.m. counts.
      if (!m[4] && m[2] !== '/' && !/^\./.test(m.input.slice(m.index + m[0].length))) return [];
      const [a, b] = dayFirst ? [+m[1], +m[3]] : [+m[3], +m[1]];
      return [{ day: a, month: b, year: year(m[4]) }];
    },
  ],
];

const DAY_MS = 86400000;

function toUtc(candidate: DateCandidate, yearValue: number): number | undefined {
  const { day, month } = candidate;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const time = Date.UTC(yearValue, month - 1, day);
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/**
 * Minutes to add to UTC for the writer's local clock: the zone of the Date header when it has one
 * (`+0900`; `-0000` means unknown), else the campaign's time zone, else UTC.
 */
export function writerOffsetMinutes(
  dateHeader: string | undefined,
  referenceMs: number | undefined,
  timeZone?: string,
): number {
  const zone = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/.exec(dateHeader ?? '');
  if (zone && zone[0].trim().slice(0, 5) !== '-0000')
    return (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
  if (timeZone && referenceMs !== undefined) {
    try {
      return offsetMinutes(referenceMs, timeZone);
    } catch {
      return 0;
    }
  }
  return 0;
}

/**
 * The latest date named in `text` that lies between the reference day and about a year after it.
 * Dates without a year take the reference year, or the next if that would lie in the past. The
 * reference day is local to the writer (`offsetMinutes` from UTC). Only when no calendar date is
 * named, a relative one counts ("back next Monday", "in two weeks"): a date is the more exact.
 */
export function findReturnDate(
  text: string,
  referenceMs: number | undefined,
  offset = 0,
): string | undefined {
  if (referenceMs === undefined) return undefined;
  const lower = text.toLowerCase();
  const local = referenceMs + offset * 60000;
  const today = Math.floor(local / DAY_MS) * DAY_MS;
  const referenceYear = new Date(local).getUTCFullYear();
  const dayFirst = numericOrder(lower);
  let best: number | undefined;
  for (const [pattern, extract] of DATE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(lower); m; m = pattern.exec(lower)) {
      for (const candidate of extract(m, dayFirst)) {
        let time = toUtc(candidate, candidate.year ?? referenceYear);
        if (time !== undefined && candidate.year === undefined && time < today) {
          time = toUtc(candidate, referenceYear + 1);
        }
        if (time === undefined || time < today || time > today + 400 * DAY_MS) continue;
        if (best === undefined || time > best) best = time;
      }
    }
  }
  if (best === undefined) best = findRelativeReturnDay(lower, today);
  return best === undefined ? undefined : new Date(best).toISOString().slice(0, 10);
}
