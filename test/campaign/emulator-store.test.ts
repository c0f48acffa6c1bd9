// On the emulator, running the built bundle: a sender's store with 5,000 active candidates stays
// under the 500 KB limit the emulator enforces, and the tick still reads and saves it. 4,900
// candidates' first steps are put in the store as if sent on earlier days (sending 5,000 mails
// through the emulator takes a week of ticks); the tick sends the other 100 itself.
import { PropertyStores } from '../../emulator/services/properties';
import { candidateKey } from '../../src/core/roster';
import { decodeStore, encodeStore } from '../../src/core/store';
import { emulatedCampaign, OWNER, receivedBy } from './emulator-world';

const COUNT = 5000;
const SEEDED = 4900;

const rows: unknown[][] = [['Email', 'First name']];
for (let i = 1; i <= COUNT; i++) rows.push([`candidate.number${i}@talent.example`, `Name${i}`]);

describe('a sender with 5,000 active candidates on the emulator', () => {
  const cw = emulatedCampaign({
    start: '2026-03-02T12:00:00Z',
    rows,
    steps: [
      { subject: 'A role for you, {{First name}}', text: 'Hi {{First name}}' },
      { subject: '', text: 'Following up', delayDays: 30 },
    ],
    timeZone: 'America/New_York',
    dailyCap: 500,
  });
  cw.act('campaign.launch', { id: cw.campaignId });
  const userStore = cw.world.properties.store(PropertyStores.key(cw.project.id, 'user', OWNER));
  const store = decodeStore(Object.fromEntries(userStore));
  const progress = store.progress.get(cw.campaignId)!;
  const earlier = Date.parse('2026-02-27T15:00:00Z');
  for (let i = 1; i <= SEEDED; i++) {
    const threadId = (0x19c8e2a4b0000000 + i * 104729).toString(16).slice(0, 16);
    progress.candidates.set(candidateKey(`candidate.number${i}@talent.example`), {
      sent: 1,
      state: 'active',
      lastSentAt: earlier + i * 60_000,
      threadId,
    });
  }
  for (const [key, value] of Object.entries(encodeStore(store))) userStore.set(key, value);
  const ticks = cw.world.runUntil(Date.parse('2026-03-03T12:00:00Z'));
  const after = cw.world.store(cw.project, 'user', OWNER);
  const bytes = PropertyStores.size(new Map(Object.entries(after)));

  it('runs every tick without an error and sends the 100 unsent first steps', () => {
    expect(ticks.filter((t) => t.error)).toEqual([]);
    expect(receivedBy(cw.world, `candidate.number${COUNT}@talent.example`)).toHaveLength(1);
    expect(receivedBy(cw.world, 'candidate.number1@talent.example')).toHaveLength(0);
  });

  it('keeps 5,000 active candidates under 500 KB, every value under 9 KB', () => {
    const saved = decodeStore(after).progress.get(cw.campaignId)!;
    expect(
      [...saved.candidates.values()].filter((p) => p.state === 'active' && p.sent === 1),
    ).toHaveLength(COUNT);
    expect(bytes).toBeLessThan(500 * 1024);
    for (const value of Object.values(after))
      expect(Buffer.byteLength(value)).toBeLessThan(9 * 1024);
    console.log(
      `5,000 active candidates: ${bytes} bytes in user properties (${(bytes / COUNT).toFixed(1)} per candidate)`,
    );
  });
});
