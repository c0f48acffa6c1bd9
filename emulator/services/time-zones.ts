// Java time-zone ids as Utilities.formatDate reads them: IANA ids (through Intl), Java's custom
// "GMT+h", "GMT+hh:mm", "GMT+hhmm" ids, GMT for anything else (as java.util.TimeZone falls back),
// and the short names Java prints for pattern `z` (EST/EDT, CET/CEST, JST...) for common zones.

/** A zone resolved: Intl's id for the wall-clock fields, or a fixed offset east of UTC. */
export type JavaZone =
  { kind: 'intl'; id: string; requested: string } | { kind: 'fixed'; offsetMinutes: number };

const CUSTOM_ID = /^GMT([+-])(\d{1,2})(?::(\d{2})|(\d{2}))?$/;

/** Resolves a zone id the way java.util.TimeZone.getTimeZone does. */
export function javaZone(id: string): JavaZone {
  const custom = CUSTOM_ID.exec(id);
  if (custom) {
    const hours = Number(custom[2]);
    const minutes = Number(custom[3] ?? custom[4] ?? 0);
    if (hours <= 23 && minutes <= 59)
      return {
        kind: 'fixed',
        offsetMinutes: (custom[1] === '-' ? -1 : 1) * (hours * 60 + minutes),
      };
    return { kind: 'fixed', offsetMinutes: 0 };
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: id });
    return { kind: 'intl', id, requested: id };
  } catch {
    return { kind: 'fixed', offsetMinutes: 0 };
  }
}

/**
 * Java's short names, standard then daylight, for the zones a script is likely to name (Java's
 * TimeZoneNames; a zone without daylight saving has one). Zones not listed print GMT±hh:mm.
 */
const SHORT_NAMES: [string[], string, string?][] = [
  [
    ['America/New_York', 'America/Toronto', 'America/Detroit', 'America/Indiana/Indianapolis'],
    'EST',
    'EDT',
  ],
  [['America/Chicago', 'America/Winnipeg'], 'CST', 'CDT'],
  [['America/Denver', 'America/Edmonton', 'America/Phoenix'], 'MST', 'MDT'],
  [['America/Los_Angeles', 'America/Vancouver', 'America/Tijuana'], 'PST', 'PDT'],
  [['America/Anchorage'], 'AKST', 'AKDT'],
  [['Pacific/Honolulu'], 'HST'],
  [['America/Halifax'], 'AST', 'ADT'],
  [['America/St_Johns'], 'NST', 'NDT'],
  [['America/Sao_Paulo'], 'BRT', 'BRST'],
  [['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'], 'ART'],
  [['Europe/London'], 'GMT', 'BST'],
  [['Europe/Lisbon'], 'WET', 'WEST'],
  [
    [
      'Europe/Paris',
      'Europe/Berlin',
      'Europe/Madrid',
      'Europe/Rome',
      'Europe/Amsterdam',
      'Europe/Brussels',
      'Europe/Vienna',
      'Europe/Zurich',
      'Europe/Stockholm',
      'Europe/Oslo',
      'Europe/Copenhagen',
      'Europe/Warsaw',
      'Europe/Prague',
      'Europe/Budapest',
    ],
    'CET',
    'CEST',
  ],
  [['Europe/Athens', 'Europe/Helsinki', 'Europe/Bucharest', 'Europe/Sofia'], 'EET', 'EEST'],
  [['Europe/Moscow'], 'MSK'],
  [['Asia/Tokyo'], 'JST'],
  [['Asia/Seoul'], 'KST'],
  [['Asia/Shanghai', 'Asia/Taipei'], 'CST'],
  [['Asia/Hong_Kong'], 'HKT'],
  [['Asia/Singapore'], 'SGT'],
  [['Asia/Kolkata', 'Asia/Calcutta'], 'IST'],
  [['Asia/Dubai'], 'GST'],
  [['Asia/Karachi'], 'PKT'],
  [['Asia/Jerusalem'], 'IST', 'IDT'],
  [['Australia/Sydney', 'Australia/Melbourne'], 'AEST', 'AEDT'],
  [['Australia/Brisbane'], 'AEST'],
  [['Australia/Adelaide'], 'ACST', 'ACDT'],
  [['Australia/Perth'], 'AWST'],
  [['Pacific/Auckland'], 'NZST', 'NZDT'],
  [['Africa/Johannesburg'], 'SAST'],
  [['Africa/Lagos'], 'WAT'],
  [['Africa/Nairobi'], 'EAT'],
  [['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT'], 'UTC'],
  [['GMT', 'Etc/GMT', 'Greenwich'], 'GMT'],
];

const NAMES_BY_ZONE = new Map(
  SHORT_NAMES.flatMap(([zones, standard, daylight]) =>
    zones.map((zone) => [zone, { standard, daylight }] as const),
  ),
);

/**
 * Java's `z` for a zone at an instant: its short name (daylight when the offset is above the
 * year's smaller one), else `GMT±hh:mm`, `GMT` at offset zero.
 */
export function shortZoneName(
  zone: JavaZone,
  offset: number,
  offsetAt: (epochMs: number) => number,
  epochMs: number,
): string {
  const names = zone.kind === 'intl' ? NAMES_BY_ZONE.get(zone.requested) : undefined;
  if (names) {
    const year = new Date(epochMs).getUTCFullYear();
    const standard = Math.min(offsetAt(Date.UTC(year, 0, 1)), offsetAt(Date.UTC(year, 6, 1)));
    return offset > standard && names.daylight ? names.daylight : names.standard;
  }
  if (offset === 0) return 'GMT';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `GMT${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
