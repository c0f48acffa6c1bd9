// Bad input on the emulator, running the built bundle (issue 15): long non-ASCII addresses, broken
// templates, empty merged subjects, invisible characters in addresses. Each ends in a clear status
// or error and nothing sent wrongly.
import { toAddOnJson } from '../../emulator/cards';
import { PropertyStores } from '../../emulator/services/properties';
import { decodeStore, encodeStore } from '../../src/core/store';
import { emulatedCampaign, messageHeader, OWNER, receivedBy, TAB } from './emulator-world';

const START = '2026-03-02T14:00:00Z'; // Monday 9:00 in New York
const ZONE = 'America/New_York';

describe('150 rows of long CJK addresses (emulator, built bundle)', () => {
  // 18 CJK characters before the @: 54 bytes in UTF-8, 108 as \u escapes.
  const local = (i: number) =>
    `候補者名前山田太郎花子様採用担当${String.fromCharCode(0x4e00 + i)}${String.fromCharCode(0x5000 + i)}`;
  const address = (i: number) => `${local(i)}@例子.公司`;
  const rows: unknown[][] = [['Email', 'First name']];
  for (let i = 1; i <= 150; i++) rows.push([address(i), `名${i}`]);
  const cw = emulatedCampaign({
    start: START,
    rows,
    steps: [{ subject: '{{First name}}さん、ご連絡', text: 'こんにちは {{First name}}' }],
    timeZone: ZONE,
    dailyCap: 500,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  const ticks = cw.world.runUntil(Date.parse('2026-03-02T17:00:00Z'));

  it('sends every first step, once, with no tick failing', () => {
    expect(local(1)).toHaveLength(18);
    expect(ticks.filter((t) => t.error)).toEqual([]);
    for (let i = 1; i <= 150; i++) expect(receivedBy(cw.world, address(i))).toHaveLength(1);
    for (const value of Object.values(cw.world.store(cw.project, 'user', OWNER)))
      expect(Buffer.byteLength(value, 'utf8')).toBeLessThan(9 * 1024);
  });
});

describe('invisible and look-alike characters in addresses (emulator, built bundle)', () => {
  const rows = [
    ['Email', 'First name'],
    ['\u200bann@talent.example', 'Ann'],
    ['ｂｏ＠talent.example', 'Bo'],
    ['c\u200dy@talent.example', 'Cy'],
    ['ﬁona@talent.example', 'Fiona'],
  ];
  const cw = emulatedCampaign({
    start: START,
    rows,
    steps: [{ subject: 'Hello {{First name}}', text: 'Hi {{First name}}' }],
    timeZone: ZONE,
    dailyCap: 50,
  });
  for (const clean of ['ann', 'bo', 'cy', 'fiona'])
    cw.world.mail.createMailbox(`${clean}@talent.example`);
  cw.act('campaign.launch', { id: cw.campaignId });
  cw.world.runUntil(Date.parse('2026-03-02T16:00:00Z'));
  const state = (row: number) => String(cw.world.sheets.values(cw.sheetId, TAB)[row - 1][4]);

  it('sends a pasted zero-width space or full-width address to the clean address', () => {
    expect(receivedBy(cw.world, 'ann@talent.example')).toHaveLength(1);
    expect(receivedBy(cw.world, 'bo@talent.example')).toHaveLength(1);
  });

  it('sends nothing to the rest and says why in the status cell', () => {
    expect(receivedBy(cw.world, 'cy@talent.example')).toEqual([]);
    expect(receivedBy(cw.world, 'fiona@talent.example')).toEqual([]);
    expect(state(4)).toMatch(/invisible character \(U\+200D\): retype the address/);
    expect(state(5)).toMatch(/"ﬁ" \(U\+FB01\), which looks like "fi"/);
  });
});

describe('templates that would go out wrong (emulator, built bundle)', () => {
  const longSubject = `${'x'.repeat(5000)} {{First name}}`;
  const cw = emulatedCampaign({
    start: START,
    rows: [
      ['Email', 'First name', 'Company'],
      ['ann@talent.example', 'Ann', 'Acme'],
      ['bo@talent.example', 'Bo', ''],
    ],
    steps: [
      { subject: longSubject, text: 'Hi {{First name}}' },
      { subject: '{{Company|}}', text: 'About {{Company|us}}', delayDays: 0 },
    ],
    timeZone: ZONE,
    dailyCap: 50,
  });

  it('refuses to launch a campaign whose stored step holds a broken placeholder', () => {
    const userStore = cw.world.properties.store(PropertyStores.key(cw.project.id, 'user', OWNER));
    const before = Object.fromEntries(userStore);
    const store = decodeStore(before);
    store.campaigns.get(cw.campaignId)!.steps[0].text = 'Hi {{First name';
    for (const [key, value] of Object.entries(encodeStore(store))) userStore.set(key, value);
    const refused = toAddOnJson(cw.act('campaign.launch', { id: cw.campaignId }).value);
    expect(JSON.stringify(refused)).toContain(
      'Step 1, text: \\"{{First name\\" is not a complete placeholder',
    );
    expect(decodeStore(Object.fromEntries(userStore)).campaigns.get(cw.campaignId)!.state).toBe(
      'draft',
    );
    for (const [key, value] of Object.entries(before)) userStore.set(key, value);
  });

  it('sends a 5,000-character subject folded, every line within 998 characters', () => {
    cw.act('campaign.launch', { id: cw.campaignId });
    cw.world.runUntil(Date.parse('2026-03-02T18:00:00Z'));
    const [first] = receivedBy(cw.world, 'ann@talent.example');
    expect(messageHeader(first, 'Subject')).toBe(`${'x'.repeat(5000)} Ann`);
    for (const line of first.raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
  });

  it('never sends a subject that is empty once merged, and says why in the status cell', () => {
    const subjects = (address: string) =>
      receivedBy(cw.world, address).map((m) => messageHeader(m, 'Subject').slice(-8));
    expect(subjects('ann@talent.example')).toEqual(['xxxx Ann', 'Acme']);
    expect(subjects('bo@talent.example')).toEqual(['xxxxx Bo']);
    const state = String(cw.world.sheets.values(cw.sheetId, TAB)[2][5]);
    expect(state).toMatch(/^Not sent: the subject is empty once this row's values are filled in/);
  });
});
