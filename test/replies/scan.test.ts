// The reply scan inside the hourly tick, on in-memory fakes: candidates reply, opt out, bounce and
// auto-reply mid-sequence; each sequence ends (or not) as issue 5 says, each message is logged
// once — even when the tick dies at any port call — and no other thread is ever read.
import { readReply, type ReplyReader } from '../../src/app/replies/read';
import { scanReplies } from '../../src/app/replies/scan';
import { runTick } from '../../src/app/tick';
import { decodeReplyState } from '../../src/core/replies/state';
import { REPLIES_TAB } from '../../src/core/replies/log';
import { SUPPRESSED_TAB } from '../../src/core/replies/suppression';
import { candidateKey } from '../../src/core/roster';
import { decodeStore } from '../../src/core/store';
import { FakeWorld, Killed } from '../campaign/fakes';
import { candidateRows, HOUR, setUpCampaign, SHEET, TAB } from '../campaign/scenario';
import { gmailBounce, humanReply, outOfOffice, ReplyWorld } from './fakes';

const MONDAY = Date.UTC(2026, 2, 2); // 2 March 2026
const RECRUITER = 'recruiter@example.com';
const email = (i: number) => `candidate${i}@example.org`;

/** Runs the whole tick (scan + send) once an hour at minute 17 for `hours`. */
function runHours(replies: ReplyWorld, hours: number): void {
  const { world } = replies;
  for (let h = 0; h < hours; h++) {
    world.now = Math.floor(world.now / HOUR) * HOUR + HOUR + 17 * 60_000;
    const ports = replies.ports();
    try {
      runTick(ports);
    } finally {
      world.endExecution();
    }
  }
}

function setUp(rows = 8): ReplyWorld {
  const world = new FakeWorld(MONDAY);
  setUpCampaign(world, { rows: candidateRows(rows), timeZone: 'UTC', dailyCap: 500 });
  const replies = new ReplyWorld(world);
  runHours(replies, 12); // step 1 goes to everyone on Monday
  return replies;
}

function stateOf(replies: ReplyWorld, i: number): string {
  const store = decodeStore(replies.world.properties);
  const progress = [...store.progress.values()][0];
  return progress.candidates.get(candidateKey(email(i)))?.state ?? 'none';
}

function loggedRows(replies: ReplyWorld): string[][] {
  return replies
    .rowsOf(SHEET, REPLIES_TAB)
    .slice(1)
    .map((r) => r.map(String));
}

describe('the reply scan in the tick', () => {
  describe('a campaign where candidates reply, bounce, auto-reply and opt out after step 1', () => {
    const replies = setUp();
    const { world } = replies;
    const returnDay = 'March 12, 2026';
    replies.deliverTo(
      email(1),
      humanReply(email(1), RECRUITER, 'Yes, I am interested! Happy to talk.'),
    );
    replies.deliverTo(
      email(2),
      humanReply(email(2), RECRUITER, 'Please remove me from your list and stop emailing me.'),
    );
    replies.deliverTo(
      email(3),
      gmailBounce(
        email(3),
        RECRUITER,
        '5.1.1',
        'The email account that you tried to reach does not exist.',
      ),
    );
    replies.deliverTo(
      email(4),
      gmailBounce(email(4), RECRUITER, '4.2.2', 'The recipient inbox is full.'),
    );
    replies.deliverTo(email(5), outOfOffice(email(5), RECRUITER, returnDay));
    replies.deliverTo(
      email(6),
      humanReply(`Recruiter <${RECRUITER}>`, email(6), 'Adding a note myself.'),
    );
    replies.deliver('not-a-campaign-thread', humanReply('friend@example.net', RECRUITER, 'Lunch?'));
    runHours(replies, 24 * 21);

    it('ends the sequence of the one who replied, the one who opted out and the hard bounce', () => {
      expect([1, 2, 3].map((i) => stateOf(replies, i))).toEqual([
        'replied',
        'opted_out',
        'bounced',
      ]);
      for (const i of [1, 2, 3]) expect(world.sentTo(email(i))).toHaveLength(1);
    });

    it('lets the soft bounce and the out-of-office go on to the end of the sequence', () => {
      expect(world.sentTo(email(4))).toHaveLength(3);
      expect(world.sentTo(email(5))).toHaveLength(3);
    });

    it('sends the out-of-office candidate nothing before the day after their return', () => {
      const followUp = world.sentTo(email(5))[1];
      expect(followUp.date).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 13));
      const onTime = world.sentTo(email(7))[1];
      expect(onTime.date).toBeLessThan(Date.UTC(2026, 2, 12));
    });

    it('puts the opt-out and the hard bounce on the suppression list, nobody else', () => {
      const suppressed = decodeStore(world.properties).suppressed;
      expect([...suppressed].sort()).toEqual(
        [candidateKey(email(2)), candidateKey(email(3))].sort(),
      );
    });

    it('logs every message of a candidate once, with its category, and not the sender’s own note', () => {
      const rows = loggedRows(replies);
      expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
        [email(1), '1', 'Interested'],
        [email(2), '1', 'Opted out'],
        [email(3), '1', 'Bounced'],
        [email(4), '1', 'Soft bounce'],
        [email(5), '1', 'Auto-reply'],
      ]);
      expect(new Set(rows.map((r) => r[8])).size).toBe(rows.length);
      expect(rows.every((r) => r[6] === RECRUITER && r[7].includes(r[7].split('/').pop()!))).toBe(
        true,
      );
    });

    it('never reads a thread that is not a campaign thread', () => {
      const campaignThreads = new Set(
        Array.from({ length: 8 }, (_, i) => replies.threadOf(email(i + 1))),
      );
      expect(replies.audit.length).toBeGreaterThan(0);
      expect(replies.audit.filter((a) => !campaignThreads.has(a.threadId))).toEqual([]);
    });

    it('reads only the messages that came in, never the steps it sent', () => {
      expect(replies.audit.filter((a) => a.method === 'readRaw')).toHaveLength(6);
    });

    it('shows the outcome in the candidate’s status cell', () => {
      const values = world.sheets.get(`${SHEET}/${TAB}`)!;
      const stateCell = (i: number) => String(values[i][values[0].indexOf('Baton state')]);
      expect(stateCell(1)).toBe('Interested: sequence stopped.');
      expect(stateCell(2)).toBe('Opted out: sequence stopped.');
      expect(stateCell(3)).toBe('Bounced: sequence stopped.');
    });
  });

  it('pauses the campaign when a bounce is the sender’s fault, and blames no candidate', () => {
    const replies = setUp(3);
    replies.deliverTo(
      email(1),
      gmailBounce(email(1), RECRUITER, '5.4.5', 'Daily user sending limit exceeded.'),
    );
    runHours(replies, 1);
    const store = decodeStore(replies.world.properties);
    expect([...store.campaigns.values()][0].state).toBe('paused');
    expect(stateOf(replies, 1)).toBe('active');
    expect(store.suppressed.size).toBe(0);
    const values = replies.world.sheets.get(`${SHEET}/${TAB}`)!;
    const stateColumn = values[0].indexOf('Baton state');
    expect(values.slice(1).map((r) => String(r[stateColumn]))).toEqual(
      Array(3).fill(
        expect.stringMatching(
          /^Paused by Baton: mail from recruiter@example\.com bounced because the mailbox reached a sending limit .*\(status 5\.4\.5\)\. .*Then resume the campaign\.$/,
        ),
      ),
    );
    // The owner (here the sender itself) gets one mail saying what happened and what to do.
    runHours(replies, 3);
    const notices = replies.world.sent.filter((m) => m.headers.to.includes(RECRUITER));
    expect(notices).toHaveLength(1);
    expect(notices[0].raw).toMatch(
      /Subject: Baton paused ".*": mail from recruiter@example\.com bounced/,
    );
    const [head, ...body] = notices[0].raw.split(/\r?\n\r?\n/);
    const text = Buffer.from(body.join('').replace(/\s/g, ''), 'base64').toString('utf8');
    expect(head).toMatch(/X-Baton-Notice: paused:/);
    expect(text).toMatch(
      /bounced because the mailbox reached a sending limit .*\(status 5\.4\.5\)/,
    );
    expect(text).toMatch(/What to do: Wait until the limit resets/);
    expect(text).toMatch(/press Resume/);
  });

  it.each([20, 400])(
    'costs the same Gmail calls with %i active threads: one history page and one read per new message',
    (threads) => {
      const replies = setUp(threads);
      runHours(replies, 1); // the history of the sends is behind us
      for (const i of [1, 2, 3])
        replies.deliverTo(email(i), humanReply(email(i), RECRUITER, 'Interested, yes.'));
      const [pages, reads] = [replies.historyPages, replies.audit.length];
      runHours(replies, 1);
      expect(replies.historyPages - pages).toBe(1);
      expect(replies.audit.slice(reads)).toHaveLength(3);
      expect(replies.audit.slice(reads).every((a) => a.method === 'readRaw')).toBe(true);
    },
  );

  it('reads at most 40 messages a tick and the rest on the next tick, each once', () => {
    const replies = setUp(50);
    for (let i = 1; i <= 50; i++)
      replies.deliverTo(email(i), humanReply(email(i), RECRUITER, 'Sounds good, tell me more.'));
    runHours(replies, 1);
    expect(loggedRows(replies)).toHaveLength(40);
    runHours(replies, 1);
    expect(loggedRows(replies)).toHaveLength(50);
    expect(new Set(loggedRows(replies).map((r) => r[1])).size).toBe(50);
  });

  it('falls back to the campaign threads when the history expired, says so, and logs nothing twice', () => {
    const replies = setUp(4);
    replies.deliverTo(email(1), humanReply(email(1), RECRUITER, 'Yes, interested.'));
    runHours(replies, 1);
    replies.deliverTo(email(2), humanReply(email(2), RECRUITER, 'Not interested, thanks.'));
    replies.expireHistory();
    const logs: string[] = [];
    const spy = jest
      .spyOn(console, 'log')
      .mockImplementation((line: string) => void logs.push(line));
    runHours(replies, 1);
    spy.mockRestore();
    expect(logs.join('\n')).toMatch(
      /"mode":"fallback".*Mailbox history expired: checked 4 of 4 campaign threads/,
    );
    expect(loggedRows(replies).map((r) => [r[1], r[3]])).toEqual([
      [email(1), 'Interested'],
      [email(2), 'Not interested'],
    ]);
    runHours(replies, 2);
    expect(loggedRows(replies)).toHaveLength(2);
  });

  describe('killed at every port call of the tick that finds the replies', () => {
    // One world per kill point: the tick dies at call N, then ticks run normally.
    const twoReplies = (replies: ReplyWorld) => {
      replies.deliverTo(email(1), humanReply(email(1), RECRUITER, 'Interested, yes.'));
      replies.deliverTo(email(2), humanReply(email(2), RECRUITER, 'Unsubscribe me please.'));
      replies.world.now += HOUR;
    };
    const probe = setUp(3);
    const callsOfTick = (() => {
      twoReplies(probe);
      const ports = probe.ports();
      runTick(ports);
      return ports.calls();
    })();

    it.each(Array.from({ length: callsOfTick }, (_, i) => i + 1))(
      'at call %i still logs each reply exactly once and ends both sequences',
      (killAt) => {
        const replies = setUp(3);
        twoReplies(replies);
        const ports = replies.ports(killAt);
        // Dies there (the dashboard refresh, last, reports its failures instead of throwing).
        try {
          runTick(ports);
        } catch (error) {
          if (!(error instanceof Killed)) throw error;
        }
        replies.world.endExecution();
        runHours(replies, 3);
        expect(
          loggedRows(replies)
            .map((r) => r[1])
            .sort(),
        ).toEqual([email(1), email(2)]);
        expect([stateOf(replies, 1), stateOf(replies, 2)]).toEqual(['replied', 'opted_out']);
        expect(decodeReplyState(replies.world.properties).journal).toEqual([]);
        // The owner's Suppressed tab holds the opt-out once, whatever the kill point.
        expect(
          replies
            .rowsOf(SHEET, SUPPRESSED_TAB)
            .slice(1)
            .map((r) => r[0]),
        ).toEqual([email(2)]);
      },
    );
  });

  it('takes a message it cannot read as a reply, logs it for a person, and scans on', () => {
    const replies = setUp(2);
    replies.deliverTo(email(1), humanReply(email(1), RECRUITER, 'Interested!'));
    replies.deliverTo(email(2), humanReply(email(2), RECRUITER, 'Interested too!'));
    const ports = replies.ports();
    let calls = 0;
    const reader: ReplyReader = (raw, context) => {
      if (++calls === 1) throw new Error('unexpected byte');
      return readReply(raw, context);
    };
    scanReplies(ports, reader);
    replies.world.endExecution();
    expect(loggedRows(replies).map((r) => [r[1], r[3], r[5]])).toEqual([
      [email(1), 'Replied', 'unreadable'],
      [email(2), 'Interested', expect.any(String)],
    ]);
    expect([stateOf(replies, 1), stateOf(replies, 2)]).toEqual(['replied', 'replied']);
  });

  it('keeps a tab’s rows for the next tick when the sheet cannot be written', () => {
    const replies = setUp(2);
    replies.deliverTo(email(1), humanReply(email(1), RECRUITER, 'Interested!'));
    const ports = replies.ports();
    ports.replies!.logSheets.appendRows = () => {
      throw new Error('You do not have permission to access the requested document.');
    };
    runTick(ports);
    replies.world.endExecution();
    expect(decodeReplyState(replies.world.properties).journal).toHaveLength(1);
    runHours(replies, 1);
    expect(loggedRows(replies)).toHaveLength(1);
    expect(decodeReplyState(replies.world.properties).journal).toEqual([]);
  });

  it('starts from the current history on a mailbox with no campaign thread yet', () => {
    const world = new FakeWorld(MONDAY);
    world.sheets.set(`${SHEET}/${TAB}`, candidateRows(1));
    const replies = new ReplyWorld(world);
    replies.deliver('older-thread', humanReply('x@example.net', RECRUITER, 'Old mail'));
    runHours(replies, 1);
    expect(decodeReplyState(world.properties).historyId).not.toBe('');
    expect(replies.audit).toEqual([]);
  });
});
