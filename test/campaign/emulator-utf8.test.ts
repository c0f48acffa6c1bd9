// On the emulator, running the built bundle: emoji and non-Latin subjects and bodies round-trip,
// and a row whose variable is empty gets no mail and a status that names the variable.
import { emulatedCampaign, messageHeader, receivedBy, TAB } from './emulator-world';
import { generatedCandidates } from '../../sim/baton-world';

const ZONE = 'America/New_York';

const rows = generatedCandidates;

describe('UTF-8 and missing variables on the emulator', () => {
  const subjects = ['Café ☕ à {{Company}} 🚀', 'Привет, {{First name}}! 你好 مرحبا'];
  const people = rows(3, () => []);
  people[1][2] = 'Zürich AG';
  people[2][1] = 'Дмитрий';
  people[3][1] = '';
  const cw = emulatedCampaign({
    start: '2026-03-02T12:00:00Z',
    rows: people,
    steps: [
      { subject: subjects[0], text: 'Bonjour {{First name}} 👋' },
      { subject: subjects[1], text: 'Follow-up', delayDays: 1 },
    ],
    timeZone: ZONE,
    dailyCap: 10,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  cw.world.runUntil(Date.parse('2026-03-06T12:00:00Z'));

  it('delivers emoji and non-Latin subjects and bodies intact', () => {
    const [first, second] = receivedBy(cw.world, 'cand1@talent.example');
    expect(messageHeader(first, 'Subject')).toBe('Café ☕ à Zürich AG 🚀');
    expect(first.parsed.text).toBe('Bonjour Name1 👋');
    const [, russian] = receivedBy(cw.world, 'cand2@talent.example');
    expect(messageHeader(russian, 'Subject')).toBe('Привет, Дмитрий! 你好 مرحبا');
    expect(second).toBeDefined();
  });

  it('sends nothing to a row whose variable is empty and says which one in its status', () => {
    expect(receivedBy(cw.world, 'cand3@talent.example')).toEqual([]);
    const state = String(cw.world.sheets.values(cw.sheetId, TAB)[3][5]);
    expect(state).toMatch(/Not sent: \{\{First name\}\} is empty/);
  });
});
