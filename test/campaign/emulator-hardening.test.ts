// Bad input on the emulator, running the built bundle (issue 15): long non-ASCII addresses, broken
// templates, empty merged subjects, invisible characters in addresses. Each ends in a clear status
// or error and nothing sent wrongly.
import { emulatedCampaign, receivedBy, OWNER } from './emulator-world';

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
