// Gmail searches built from addresses: every address a quoted phrase, alternatives joined by OR,
// and an address no phrase can hold searched by its pieces; checked against the emulator's parser
// of Gmail's search language, which reads them as Gmail documents.
import { quotedPhrase, sentToQueries } from '../../src/core/gmail-search';
import { World } from '../../emulator';
import { buildMessage } from '../../emulator/gmail/mime';
import { searchMessages } from '../../emulator/gmail/search';

const SINCE = Date.UTC(2026, 2, 2, 14, 0);

describe('Gmail searches from addresses', () => {
  it('quotes an address, and refuses what no phrase can hold', () => {
    expect(quotedPhrase('a}b@x.example')).toBe('"a}b@x.example"');
    expect(quotedPhrase('a"b@x.example')).toBeUndefined();
    expect(quotedPhrase('a\\b@x.example')).toBeUndefined();
    expect(quotedPhrase('')).toBeUndefined();
  });

  it('ORs quoted addresses, so many at a query, and gives an unquotable one its pieces', () => {
    const queries = sentToQueries(SINCE, ['a}@x.example', '{b@x.example', 'c"d@x.example'], 2);
    expect(queries).toEqual([
      `in:sent after:${SINCE / 1000} to:"a}@x.example" OR to:"{b@x.example"`,
      `in:sent after:${SINCE / 1000} to:"c" to:"d@x.example"`,
    ]);
    expect(sentToQueries(SINCE, ['"\\'], 30)).toEqual([]);
    expect(sentToQueries(SINCE, ['a@x.example', 'b@x.example', 'c@x.example'], 2)).toEqual([
      `in:sent after:${SINCE / 1000} to:"a@x.example" OR to:"b@x.example"`,
      `in:sent after:${SINCE / 1000} to:"c@x.example"`,
    ]);
  });

  it('finds the mail sent to addresses with braces, quotes and OR, and nothing else', () => {
    const world = new World({ seed: 1, start: '2026-03-02T14:30:00Z' });
    const me = 'rita@acme.example';
    world.mail.createMailbox(me, 'Rita');
    const odd = [
      'ann}@talent.example',
      '{bo}@talent.example',
      'or@talent.example',
      'c"d@x.example',
    ];
    const others = ['ann@talent.example', 'bo@talent.example', 'friend@elsewhere.example'];
    for (const to of [...odd, ...others])
      world.mail.mailbox(me).send(
        buildMessage({
          headers: [
            { name: 'From', value: me },
            { name: 'To', value: to },
          ],
          text: 'x',
        }),
      );
    const mailbox = world.mail.mailbox(me);
    const found = sentToQueries(SINCE, odd, 30).flatMap((q) =>
      searchMessages(mailbox, q, world.now()).map(
        (m) => m.parsed.headers.find((h) => h.name === 'To')?.value,
      ),
    );
    expect(found.sort()).toEqual([...odd].sort());
  });
});
