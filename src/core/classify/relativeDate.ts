// Return dates an out-of-office names relative to the day it was written ("back next Monday",
// "de retour dans deux semaines", "bis morgen", "来週月曜日から出社"), in the languages the
// classifier covers. Days count in the writer's local calendar (see localDayOf in returnDate.ts).

const DAY_MS = 86400000;

/** Weekday names, Monday first (index 0 = Monday ... 6 = Sunday). */
const WEEKDAYS: string[][] = [
  ['monday', 'montag', 'lundi', 'lunes', 'maandag', '月曜日', '月曜'],
  ['tuesday', 'dienstag', 'mardi', 'martes', 'dinsdag', '火曜日', '火曜'],
  ['wednesday', 'mittwoch', 'mercredi', 'miércoles', 'miercoles', 'woensdag', '水曜日', '水曜'],
  ['thursday', 'donnerstag', 'jeudi', 'jueves', 'donderdag', '木曜日', '木曜'],
  ['friday', 'freitag', 'vendredi', 'viernes', 'vrijdag', '金曜日', '金曜'],
  ['saturday', 'samstag', 'sonnabend', 'samedi', 'sábado', 'sabado', 'zaterdag', '土曜日', '土曜'],
  ['sunday', 'sonntag', 'dimanche', 'domingo', 'zondag', '日曜日', '日曜'],
];
const WEEKDAY_BY_NAME = new Map<string, number>();
WEEKDAYS.forEach((names, index) => names.forEach((name) => WEEKDAY_BY_NAME.set(name, index)));
const alternatives = (words: Iterable<string>) =>
  [...words].sort((a, b) => b.length - a.length).join('|');
const WEEKDAY = alternatives(WEEKDAY_BY_NAME.keys());

/** Words that put a weekday in the week after the current one ("next Monday", "lundi prochain"). */
const NEXT_BEFORE =
  'next|nächsten|nächste|naechsten|kommenden|próximo|proximo|volgende week|volgende|来週の?';
const NEXT_AFTER = 'prochain|prochaine|que viene|qui vient';

const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  ein: 1,
  eine: 1,
  einer: 1,
  einem: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  een: 1,
  één: 1,
  twee: 2,
  drie: 3,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
};
const NUMBER = `\\d{1,2}|${alternatives(Object.keys(NUMBERS))}`;
const UNITS: Record<string, number> = {
  day: 1,
  days: 1,
  tag: 1,
  tage: 1,
  tagen: 1,
  jour: 1,
  jours: 1,
  día: 1,
  días: 1,
  dia: 1,
  dias: 1,
  dag: 1,
  dagen: 1,
  日: 1,
  week: 7,
  weeks: 7,
  woche: 7,
  wochen: 7,
  semaine: 7,
  semaines: 7,
  semana: 7,
  semanas: 7,
  weken: 7,
  週間: 7,
};
const UNIT = alternatives(Object.keys(UNITS));

const TOMORROW = 'tomorrow|morgen|demain|mañana|manana|明日';
const NEXT_WEEK =
  'next week|nächste woche|nächster woche|kommende woche|la semaine prochaine|la próxima semana|la proxima semana|la semana que viene|volgende week|来週';

/**
 * Words that say the writer is away or when they are back, in each language: a relative day only
 * counts in a sentence that has one ("see you Monday" in a signature does not).
 */
const ABSENCE =
  /back|return|until|till|through|away|out of (the )?office|vacation|holiday|leave|available|zurück|wieder|bis |ab |abwesend|urlaub|erreichbar|retour|jusqu|absent|à partir|dès|congé|vacances|disponible|vuelvo|vuelta|regres|hasta|fuera|ausente|vacaciones|a partir|terug|tot |vanaf|weer|afwezig|vakantie|bereikbaar|まで|から|以降|戻|出社|不在|休暇|休み/;

// Word edges for the Latin-script words only: Japanese is written without spaces.
const B = '(?<![a-zà-ÿ\\d])';
const E = '(?![a-zà-ÿ])';
const PATTERNS: Array<[RegExp, (m: RegExpExecArray, today: number) => number | undefined]> = [
  [
    // "next Monday", "nächsten Montag", "el próximo lunes", "volgende week maandag", "来週月曜日"
    new RegExp(`${B}(?:${NEXT_BEFORE})\\s*(${WEEKDAY})${E}`, 'gu'),
    (m, today) => inNextWeek(today, WEEKDAY_BY_NAME.get(m[1]) as number),
  ],
  [
    // "lundi prochain", "el lunes que viene"
    new RegExp(`${B}(${WEEKDAY})\\s+(?:${NEXT_AFTER})${E}`, 'gu'),
    (m, today) => inNextWeek(today, WEEKDAY_BY_NAME.get(m[1]) as number),
  ],
  [
    // a bare weekday: the next one after today
    new RegExp(`${B}(${WEEKDAY})${E}`, 'gu'),
    (m, today) => nextWeekday(today, WEEKDAY_BY_NAME.get(m[1]) as number),
  ],
  [
    // "in two weeks", "dans 3 jours", "en dos semanas", "over twee weken", "für zwei Wochen"
    new RegExp(
      `${B}(?:in|within|for|für|dans|pendant|en|dentro de|durante|over|voor)\\s+(${NUMBER})\\s+(${UNIT})${E}`,
      'gu',
    ),
    (m, today) => today + countOf(m[1]) * (UNITS[m[2]] ?? 1) * DAY_MS,
  ],
  [
    // "2週間後", "三日後", "2週間不在"
    new RegExp(`(${NUMBER})\\s*(週間|日)(?:後|ほど|不在|休み)`, 'gu'),
    (m, today) => today + countOf(m[1]) * (UNITS[m[2]] ?? 1) * DAY_MS,
  ],
  [new RegExp(`${B}(?:${TOMORROW})${E}`, 'gu'), (_m, today) => today + DAY_MS],
  [
    new RegExp(`${B}(?:${NEXT_WEEK})${E}(?!\\s*の?\\s*(?:${WEEKDAY}))`, 'gu'),
    (_m, today) => inNextWeek(today, 0),
  ],
];

function countOf(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (NUMBERS[text] ?? 0);
}

/** Monday = 0 ... Sunday = 6, for a day start in ms (UTC-based arithmetic on a local calendar). */
function mondayBased(day: number): number {
  return (new Date(day).getUTCDay() + 6) % 7;
}

/** The first `weekday` after `today` (1 to 7 days on). */
function nextWeekday(today: number, weekday: number): number {
  const ahead = (weekday - mondayBased(today) + 7) % 7 || 7;
  return today + ahead * DAY_MS;
}

/**
 * `weekday` of the week after this one (weeks start on Monday): "next Friday" said on a Tuesday
 * is ten days on, not three. Of the two readings this is the later one, which keeps mail away
 * from someone who is away; a deferral never stops a sequence.
 */
function inNextWeek(today: number, weekday: number): number {
  return today + (7 - mondayBased(today) + weekday) * DAY_MS;
}

/**
 * The latest day (ms, start of day) a sentence of `text` that speaks of an absence names relative
 * to `today` (start of the writer's local day, ms); undefined when none does.
 */
export function findRelativeReturnDay(text: string, today: number): number | undefined {
  let best: number | undefined;
  for (const sentence of text.toLowerCase().split(/[.!?\n。！？]+/)) {
    if (!ABSENCE.test(sentence)) continue;
    const taken: Array<[number, number]> = [];
    for (const [pattern, dayOf] of PATTERNS) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(sentence); m; m = pattern.exec(sentence)) {
        const start = m.index;
        const end = start + m[0].length;
        // A longer form already read this text ("next Monday" before the bare "Monday").
        if (taken.some(([s, e]) => start < e && end > s)) continue;
        taken.push([start, end]);
        const day = dayOf(m, today);
        if (day !== undefined && day > today && (best === undefined || day > best)) best = day;
      }
    }
  }
  return best;
}
