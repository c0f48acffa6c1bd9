// The return date of out-of-office replies, in the date styles of the languages covered.
import { findReturnDate } from '../../src/core/classify';

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
