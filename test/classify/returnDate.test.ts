// The return date of out-of-office replies, in the date styles of the languages covered.
import { classifyRawMessage, findReturnDate } from '../../src/core/classify';
import { writerOffsetMinutes } from '../../src/core/classify/returnDate';

const JAN_4_2027 = Date.UTC(2027, 0, 4, 9, 0);
const DEC_20_2026 = Date.UTC(2026, 11, 20, 9, 0);

describe('findReturnDate', () => {
  it.each([
    ['I am away until Monday, January 18, 2027.', JAN_4_2027, '2027-01-18'],
    ['back on January 7th', JAN_4_2027, '2027-01-07'],
    ['returning 14 January', JAN_4_2027, '2027-01-14'],
    ['out until Jan 6.', JAN_4_2027, '2027-01-06'],
    ['from 28/12/2026 to 11/01/2027', JAN_4_2027, '2027-01-11'],
    ['until 01/18/2027 (US style)', JAN_4_2027, '2027-01-18'],
    ['bis einschließlich 15.01.2027 nicht im Büro', JAN_4_2027, '2027-01-15'],
    ['ab dem 12.01. wieder erreichbar', JAN_4_2027, '2027-01-12'],
    ['bis zum 8. Januar', JAN_4_2027, '2027-01-08'],
    ["jusqu'au 8 janvier 2027 inclus", JAN_4_2027, '2027-01-08'],
    ['de retour le 1er février', JAN_4_2027, '2027-02-01'],
    ['hasta el 12 de enero de 2027', JAN_4_2027, '2027-01-12'],
    ['tot en met 10 januari 2027', JAN_4_2027, '2027-01-10'],
    ['2027年1月12日まで不在です。ご返信は1月13日以降', JAN_4_2027, '2027-01-13'],
    ['1月8日(金)まで出張中', JAN_4_2027, '2027-01-08'],
    ['back on 2027-01-20', JAN_4_2027, '2027-01-20'],
    // A date without a year that already passed this year means next year.
    ['back on 5 January', DEC_20_2026, '2027-01-05'],
    ['away until 3 March', JAN_4_2027, '2027-03-03'],
  ])('reads "%s"', (text, reference, expected) => {
    expect(findReturnDate(text, reference)).toBe(expected);
  });

  it.each([
    ['no date at all', 'I will reply when I am back.'],
    ['a time, not a date', 'Call me at 9.30 or 10:15.'],
    ['a date long past', 'I was away until 3 March 2020.'],
    ['an impossible date', 'back on 31 February'],
    ['a far-future date', 'retiring on 1 January 2035'],
  ])('finds nothing in %s', (_, text) => {
    expect(findReturnDate(text, JAN_4_2027)).toBeUndefined();
  });

  it('needs a reference date to place dates in time', () => {
    expect(findReturnDate('back on 2027-01-20', undefined)).toBeUndefined();
  });
});

describe('findReturnDate with relative dates', () => {
  /** Thursday 7 January 2027, 09:00 UTC. */
  const THURSDAY = Date.UTC(2027, 0, 7, 9, 0);

  it.each([
    ['I am out of the office, back next Monday.', '2027-01-11'],
    ['Back on Monday.', '2027-01-11'],
    ['Back on Friday.', '2027-01-08'],
    // Said on a Thursday, "next Friday" is the Friday of next week (the later reading).
    ['I will be back next Friday.', '2027-01-15'],
    ['I am away, back in two weeks.', '2027-01-21'],
    ['Out of the office for 3 days.', '2027-01-10'],
    ['Back tomorrow.', '2027-01-08'],
    ['Away this week, back next week.', '2027-01-11'],
    ['Absent, de retour lundi.', '2027-01-11'],
    ['De retour lundi prochain.', '2027-01-11'],
    ['Je suis absent, de retour dans deux semaines.', '2027-01-21'],
    ['Ich bin zurück am Montag.', '2027-01-11'],
    ['Ich bin ab nächsten Mittwoch wieder im Büro.', '2027-01-13'],
    ['Bis morgen nicht erreichbar.', '2027-01-08'],
    ['Estoy fuera, vuelvo el lunes.', '2027-01-11'],
    ['Estoy fuera, vuelvo el próximo miércoles.', '2027-01-13'],
    ['Regreso en dos semanas.', '2027-01-21'],
    ['Ik ben terug op maandag.', '2027-01-11'],
    ['Ik ben afwezig tot volgende week woensdag.', '2027-01-13'],
    ['Over twee weken ben ik weer bereikbaar.', '2027-01-21'],
    ['来週月曜日から出社します。', '2027-01-11'],
    ['来週の水曜日まで不在です。', '2027-01-13'],
    ['2週間後に戻ります。', '2027-01-21'],
    ['明日から出社します。', '2027-01-08'],
    // A calendar date is the more exact: it wins over a weekday named beside it.
    ['Back on Monday, 18 January.', '2027-01-18'],
  ])('reads "%s"', (text, expected) => {
    expect(findReturnDate(text, THURSDAY)).toBe(expected);
  });

  it.each([
    ['a weekday that says nothing of an absence', 'See you on Monday at the meeting.'],
    ['a greeting', 'Guten Morgen und schönes Wochenende.'],
    ['no day at all', 'I am out of the office with limited access to email.'],
  ])('finds nothing in %s', (_, text) => {
    expect(findReturnDate(text, THURSDAY)).toBeUndefined();
  });

  it('counts days from the writer’s local day, not from UTC', () => {
    // Sunday 10 January 20:00 UTC is already Monday 05:00 in Tokyo.
    const sundayEvening = Date.UTC(2027, 0, 10, 20, 0);
    expect(findReturnDate('Back tomorrow.', sundayEvening, 0)).toBe('2027-01-11');
    expect(findReturnDate('Back tomorrow.', sundayEvening, 540)).toBe('2027-01-12');
    expect(findReturnDate('Back on Monday.', sundayEvening, 540)).toBe('2027-01-18');
  });
});

describe('writerOffsetMinutes', () => {
  const AT = Date.UTC(2027, 0, 7, 9, 0);

  it.each([
    ['Thu, 7 Jan 2027 18:00:00 +0900', undefined, 540],
    ['Thu, 7 Jan 2027 18:00:00 +0900 (JST)', undefined, 540],
    ['Thu, 7 Jan 2027 04:00:00 -0500', 'Asia/Tokyo', -300],
    // -0000: the writer's zone is unknown, so the campaign's counts.
    ['Thu, 7 Jan 2027 09:00:00 -0000', 'Asia/Tokyo', 540],
    [undefined, 'Europe/Paris', 60],
    [undefined, undefined, 0],
    [undefined, 'Not/AZone', 0],
  ])('reads %s (campaign zone %s) as %i', (header, zone, expected) => {
    expect(writerOffsetMinutes(header, AT, zone)).toBe(expected);
  });

  it('gives the classifier the writer’s day for an out-of-office with a relative return', () => {
    const raw = [
      'From: Kenji <kenji@example.jp>',
      'To: recruiter@example.com',
      'Subject: =?UTF-8?B?5LiN5Zyo44Gu44GK55+l44KJ44Gb?=',
      'Date: Mon, 11 Jan 2027 05:00:00 +0900',
      'Auto-Submitted: auto-replied',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('明日から出社します。', 'utf8').toString('base64'),
    ].join('\r\n');
    const result = classifyRawMessage(raw);
    expect(result.category).toBe('auto_reply');
    expect(result.returnDate).toBe('2027-01-12');
  });
});
