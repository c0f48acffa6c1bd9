// Follow-ups answer their thread's first message: its Message-ID is read ahead by a run that sent
// nothing, kept in the campaign's Threads tab, and read from Gmail again only when the tab lacks
// it or holds something that is not a Message-ID.
import { runSendingTick } from '../../src/app/sending';
import { THREADS_TAB } from '../../src/app/thread-roots';
import type { Ports } from '../../src/ports';
import { FakeWorld } from '../campaign/fakes';
import { candidateRows, HOUR, SHEET, setUpCampaign } from '../campaign/scenario';
import { ReplyWorld } from '../replies/fakes';

const MONDAY_1317_NEW_YORK = Date.UTC(2026, 2, 2, 18, 17);
const TWO_STEPS = [
  { subject: 'Role at Co {{First name}}', text: 'Hi {{First name}}', html: '', delayDays: 0 },
  { subject: '', text: 'A follow-up', html: '', delayDays: 1 },
];

function campaignWorld() {
  const world = new FakeWorld(MONDAY_1317_NEW_YORK);
  setUpCampaign(world, { rows: candidateRows(3), steps: TWO_STEPS });
  const replies = new ReplyWorld(world);
  let gmailReads = 0;
  /** One hourly run, counting the Message-IDs it asked Gmail for. */
  const tick = () => {
    const ports: Ports = replies.ports();
    const ask = ports.mailbox.rfcMessageIds.bind(ports.mailbox);
    ports.mailbox.rfcMessageIds = (ids) => ((gmailReads += ids.length), ask(ids));
    const report = runSendingTick(ports);
    world.endExecution();
    world.now += HOUR;
    return report;
  };
  return { world, tick, reads: () => gmailReads };
}

const threadsTab = (world: FakeWorld) => world.sheets.get(`${SHEET}/${THREADS_TAB}`) ?? [];

describe('the roots of follow-ups', () => {
  it('are read ahead by an idle run, kept in the Threads tab, and not read again to send', () => {
    const { world, tick, reads } = campaignWorld();
    expect(tick().sent).toBe(3);
    expect(reads()).toBe(0);
    expect(tick().sent).toBe(0);
    expect(reads()).toBe(3);
    const firsts = world.sent.slice(0, 3);
    expect(threadsTab(world).slice(1)).toEqual(firsts.map((m) => [m.threadId, m.rfcMessageId]));
    let followUps = 0;
    for (let hour = 0; hour < 30 && followUps === 0; hour++) followUps = tick().sent;
    expect(followUps).toBe(3);
    expect(reads()).toBe(3);
    for (const first of firsts) {
      const second = world.sent.find((m) => m.threadId === first.threadId && m !== first)!;
      expect(second.headers['in-reply-to']).toBe(first.rfcMessageId);
      expect(second.headers.references).toBe(first.rfcMessageId);
    }
  });

  it('are read from Gmail again when the tab holds something else, and recorded afresh', () => {
    const { world, tick, reads } = campaignWorld();
    tick();
    tick();
    const tab = threadsTab(world);
    tab[1][1] = 'typed over';
    let followUps = 0;
    for (let hour = 0; hour < 30 && followUps === 0; hour++) followUps = tick().sent;
    expect(followUps).toBe(3);
    expect(reads()).toBe(4);
    const first = world.sent[0];
    const second = world.sent.find((m) => m.threadId === first.threadId && m !== first)!;
    expect(second.headers['in-reply-to']).toBe(first.rfcMessageId);
    expect(tab[tab.length - 1]).toEqual([first.threadId, first.rfcMessageId]);
  });
});
