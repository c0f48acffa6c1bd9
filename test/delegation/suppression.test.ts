// Suppression across an owner's senders, on the emulator with the built bundle: an opt-out seen by
// a colleague's mailbox stops the owner's own campaign from mailing that person, and an opt-out
// seen by the owner's mailbox stops the colleague's copy of another campaign of the owner — even
// when the two campaigns live in different spreadsheets and the colleague can open only one.
import { SUPPRESSED_TAB } from '../../src/core/replies/suppression';
import { COLLEAGUE, DAY, DelegationWorld, HOUR, OWNER } from './world';

/** The owner's second spreadsheet, with a Platform tab of these candidates. */
function platformSheet(w: DelegationWorld, rows: string[][]): string {
  return w.world.createSpreadsheet({
    owner: OWNER,
    name: 'Platform hiring',
    tabs: { Platform: [['Email', 'First name'], ...rows] },
  });
}

const SENT_BY_COLLEAGUE = 'cx000001';
const SENT_BY_OWNER = 'cy000002';

describe('suppression honoured by every sender of an owner, on the emulator', () => {
  const w = new DelegationWorld(3);
  const [cand1, cand2, cand3] = w.candidates;
  const solo = 'solo@talent.org';
  // Campaign Y lives in a spreadsheet of its own that the colleague never gets access to.
  const ownSheet = platformSheet(w, [
    [cand1, 'One'],
    [cand2, 'Two'],
    [solo, 'Solo'],
  ]);
  w.world.mail.createMailbox(solo);

  const stateCell = (tabName: string, address: string, spreadsheetId?: string) => {
    const rows = w.tab(tabName, spreadsheetId);
    const column = rows[0].indexOf('Baton state');
    return rows.find((r) => r[0] === address)?.[column] ?? '';
  };
  const suppressedIn = (spreadsheetId: string) =>
    w
      .tab(SUPPRESSED_TAB, spreadsheetId)
      .slice(1)
      .map((r) => r[0]);

  beforeAll(() => {
    w.seedOwnerCampaigns([
      { id: SENT_BY_COLLEAGUE, tabName: 'Candidates', name: 'Backend hires' },
      {
        id: SENT_BY_OWNER,
        tabName: 'Platform',
        name: 'Platform hires',
        spreadsheetId: ownSheet,
      },
    ]);
    w.connectColleague(SENT_BY_COLLEAGUE);
  });

  it('sends step 1 of each campaign from its own sender', () => {
    w.world.advance(2 * HOUR);
    for (const c of [cand1, cand2, cand3]) expect(w.received(c, COLLEAGUE)).toHaveLength(1);
    for (const c of [cand1, cand2, solo]) expect(w.received(c, OWNER)).toHaveLength(1);
    expect(w.world.sheets.get(ownSheet)?.editors.has(COLLEAGUE)).toBe(false);
  });

  it('stops the owner’s campaign for a candidate who opted out replying to the colleague', () => {
    const fromColleague = w.received(cand1, COLLEAGUE)[0];
    w.world.mail
      .mailbox(cand1)
      .reply(fromColleague.id, { text: 'Please remove me from your mailing list.' });
    w.world.advance(3 * DAY);
    // Step 2 (two days on) went to the others, never to the candidate who opted out.
    expect(w.received(cand1, OWNER)).toHaveLength(1);
    expect(w.received(solo, OWNER)).toHaveLength(2);
    expect(w.received(cand1, COLLEAGUE)).toHaveLength(1);
    expect(stateCell('Platform', cand1, ownSheet)).toMatch(/^Suppressed: /);
  });

  it('writes an opt-out the owner’s mailbox saw to the spreadsheet the colleague reads', () => {
    const fromOwner = w.received(cand2, OWNER)[0];
    w.world.mail.mailbox(cand2).reply(fromOwner.id, { text: 'Unsubscribe me, please.' });
    w.world.advance(3 * HOUR);
    expect(suppressedIn(w.spreadsheetId)).toEqual(expect.arrayContaining([cand1, cand2]));
  });

  it('keeps the owner’s list on each of the owner’s spreadsheets, copied by the owner', () => {
    expect(suppressedIn(ownSheet)).toEqual(expect.arrayContaining([cand1, cand2]));
    expect(suppressedIn(w.spreadsheetId).filter((e) => e === cand1)).toHaveLength(1);
    expect(suppressedIn(ownSheet).filter((e) => e === cand1)).toHaveLength(1);
  });
});

describe('the colleague learns an opt-out the owner saw before their next step is due', () => {
  const w = new DelegationWorld(2);
  const [cand1, cand2] = w.candidates;
  const ownSheet = platformSheet(w, [[cand1, 'One']]);

  beforeAll(() => {
    w.seedOwnerCampaigns([
      { id: SENT_BY_COLLEAGUE, tabName: 'Candidates', name: 'Backend hires' },
      { id: SENT_BY_OWNER, tabName: 'Platform', name: 'Platform hires', spreadsheetId: ownSheet },
    ]);
    w.connectColleague(SENT_BY_COLLEAGUE);
    w.world.advance(2 * HOUR);
  });

  it('sends the colleague’s step 2 to no one who opted out in the owner’s mailbox', () => {
    expect(w.received(cand1, OWNER)).toHaveLength(1);
    expect(w.received(cand1, COLLEAGUE)).toHaveLength(1);
    const fromOwner = w.received(cand1, OWNER)[0];
    w.world.mail.mailbox(cand1).reply(fromOwner.id, { text: 'Please stop emailing me.' });
    w.world.advance(3 * DAY);
    expect(w.received(cand1, COLLEAGUE)).toHaveLength(1);
    expect(w.received(cand2, COLLEAGUE)).toHaveLength(2);
    const rows = w.tab('Candidates');
    const column = rows[0].indexOf('Baton state');
    expect(rows.find((r) => r[0] === cand1)?.[column]).toMatch(/^Suppressed: /);
  });
});
