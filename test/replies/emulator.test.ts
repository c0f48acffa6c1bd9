// Issue 5's "must show" on the emulator, running the BUILT bundle: a campaign where candidates
// reply, opt out, bounce (hard and soft) and auto-reply mid-sequence ends each sequence as it
// should, logs every message once to the Replies tab, and the audit shows no read of a thread
// that is not a campaign's.
import { buildMessage } from '../../emulator/gmail/mime';
import { DASHBOARD_TAB } from '../../src/core/replies/dashboard';
import { REPLIES_HEADER, REPLIES_TAB } from '../../src/core/replies/log';
import { decodeStore } from '../../src/core/store';
import { candidateKey } from '../../src/core/roster';
import {
  emulatedCampaign,
  messageHeader,
  OWNER,
  receivedBy,
  TAB,
} from '../campaign/emulator-world';

const at = (iso: string) => Date.parse(iso);
const ann = 'ann@talent.example'; // replies interested to step 1
const bob = 'bob@talent.example'; // asks to be removed after step 1
const cat = 'cat@talent.example'; // mailbox disabled after step 1: step 2 bounces hard
const dan = 'dan@talent.example'; // out of office until 16 March
const eve = 'eve@talent.example'; // step 1 bounces soft (mailbox full)
const fay = 'fay@talent.example'; // never answers
const gus = 'gus@talent.example'; // not interested, after step 2
const ALL = [ann, bob, cat, dan, eve, fay, gus];

describe('replies on the emulator: a campaign where candidates answer mid-sequence', () => {
  const cw = emulatedCampaign({
    start: '2026-03-02T07:00:00Z',
    rows: [['Email', 'First name'], ...ALL.map((e) => [e, e.split('@')[0]])],
    steps: [
      { subject: 'A role for you, {{First name}}', text: 'Hi {{First name}}, interested?' },
      { subject: '', text: 'Hi {{First name}}, following up.', delayDays: 2 },
      { subject: '', text: 'Last note, {{First name}}.', delayDays: 3 },
    ],
    timeZone: 'Europe/Paris',
    dailyCap: 50,
  });
  const { world, project } = cw;
  const mailbox = (address: string) => world.mail.mailbox(address);
  mailbox(dan).setAutoReply({
    // Outlook's shape: the original subject stays, so Gmail threads it with the campaign mail.
    subject: 'Automatic reply: A role for you, dan',
    body: 'I am out of the office until March 16, 2026 with no access to email.',
    until: at('2026-03-16T00:00:00Z'),
  });
  mailbox(eve).rejectNext('soft');
  cw.act('campaign.launch', { id: cw.campaignId });

  const ticks = [...world.runUntil(at('2026-03-03T08:00:00Z'))];
  const firstStep = (address: string) => receivedBy(world, address)[0];
  mailbox(ann).reply(firstStep(ann).id, { text: 'Yes, I am interested! When can we talk?' });
  mailbox(bob).reply(firstStep(bob).id, { text: 'Please remove me from your mailing list.' });
  mailbox(cat).setBouncing('hard');
  // Mail that is none of Baton's business, in the recruiter's inbox.
  const friend = world.mail.createMailbox('friend@elsewhere.example', 'A Friend');
  friend.send(
    buildMessage({
      headers: [
        { name: 'From', value: 'A Friend <friend@elsewhere.example>' },
        { name: 'To', value: OWNER },
        { name: 'Subject', value: 'Lunch on Friday?' },
      ],
      text: 'Are you interested in lunch on Friday?',
    }),
  );
  ticks.push(...world.runUntil(at('2026-03-05T08:00:00Z')));
  const gusStep2 = receivedBy(world, gus)[1];
  mailbox(gus).reply(gusStep2.id, { text: "Thanks, but I'm not interested." });
  ticks.push(...world.runUntil(at('2026-03-27T18:00:00Z')));

  const ownerBox = mailbox(OWNER);
  const sentTo = (address: string) =>
    ownerBox
      .threadIds()
      .flatMap((t) => ownerBox.thread(t))
      .filter((m) => m.labelIds.has('SENT') && messageHeader(m, 'To') === address);
  const campaignThreads = new Set(ALL.flatMap((a) => sentTo(a).map((m) => m.threadId)));
  const incoming = [...campaignThreads]
    .flatMap((t) => ownerBox.thread(t))
    .filter((m) => !m.labelIds.has('SENT'));
  const replies = world.sheets.values(cw.sheetId, REPLIES_TAB);
  const column = (name: (typeof REPLIES_HEADER)[number]) => REPLIES_HEADER.indexOf(name);
  const logged = replies.slice(1);
  const categoryOf = (address: string) =>
    logged.filter((r) => r[column('Candidate')] === address).map((r) => r[column('Category')]);
  const store = decodeStore(world.store(project, 'user', OWNER));
  const progress = [...store.progress.values()][0].candidates;
  const stateOf = (address: string) => progress.get(candidateKey(address))?.state;

  it('runs every tick without an error', () => {
    expect(ticks.length).toBeGreaterThan(100);
    expect(ticks.filter((t) => t.error).map((t) => t.error)).toEqual([]);
  });

  it('ends the sequences of the reply, the opt-out, the hard bounce and the late refusal', () => {
    expect([ann, bob, cat, gus].map(stateOf)).toEqual([
      'replied',
      'opted_out',
      'bounced',
      'replied',
    ]);
    expect([ann, bob].map((a) => sentTo(a).length)).toEqual([1, 1]);
    expect(sentTo(cat)).toHaveLength(2);
    expect(sentTo(gus)).toHaveLength(2);
  });

  it('lets the soft bounce, the out-of-office and the silent candidate finish the sequence', () => {
    expect([dan, eve, fay].map((a) => sentTo(a).length)).toEqual([3, 3, 3]);
    const sheet = world.sheets.values(cw.sheetId, TAB);
    const stateColumn = sheet[0].indexOf('Baton state');
    for (const address of [dan, eve, fay])
      expect(sheet.find((r) => r[0] === address)?.[stateColumn]).toBe('Sequence complete.');
  });

  it('sends the out-of-office candidate no follow-up before the day after their return', () => {
    expect(sentTo(dan)[1].internalDate).toBeGreaterThanOrEqual(at('2026-03-17T00:00:00Z'));
    expect(sentTo(fay)[1].internalDate).toBeLessThan(at('2026-03-06T00:00:00Z'));
  });

  it('suppresses exactly the opt-out and the hard bounce', () => {
    expect([...store.suppressed].sort()).toEqual([candidateKey(bob), candidateKey(cat)].sort());
  });

  it('logs every message that came into a campaign thread exactly once, with its category', () => {
    expect(replies[0]).toEqual([...REPLIES_HEADER]);
    const ids = logged.map((r) => r[column('Message id')]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(incoming.map((m) => m.id)));
    expect(categoryOf(ann)).toEqual(['Interested']);
    expect(categoryOf(bob)).toEqual(['Opted out']);
    expect(categoryOf(cat)).toEqual(['Bounced']);
    expect(categoryOf(dan)).toEqual(['Auto-reply']);
    expect(categoryOf(eve)).toEqual(['Soft bounce']);
    expect(categoryOf(gus)).toEqual(['Not interested']);
    const gusRow = logged.find((r) => r[column('Candidate')] === gus);
    expect(String(gusRow?.[column('Step answered')])).toBe('2');
  });

  it('shows each outcome in the candidate’s status cell', () => {
    const sheet = world.sheets.values(cw.sheetId, TAB);
    const stateColumn = sheet[0].indexOf('Baton state');
    const cell = (address: string) => sheet.find((r) => r[0] === address)?.[stateColumn];
    expect(cell(ann)).toBe('Interested: sequence stopped.');
    expect(cell(bob)).toBe('Opted out: sequence stopped.');
    expect(cell(cat)).toBe('Bounced: sequence stopped.');
  });

  it('keeps a Dashboard tab with the campaign’s figures and a chart of replies per day', () => {
    const dashboard = world.sheets.values(cw.sheetId, DASHBOARD_TAB);
    const sent = ALL.reduce((n, a) => n + sentTo(a).length, 0);
    const [, ...figures] = dashboard.find((r) => r[0] === 'Campaign') ?? [];
    // sent, delivered, bounced, replied, interested, not interested, opted out, auto-replied
    expect(figures.slice(0, 8)).toEqual([sent, sent - 1, 1, 3, 1, 1, 1, 1]);
    expect(figures.slice(8)).toEqual([`${Math.round((3 / (sent - 1)) * 100)}%`, '33%']);
    const tab = world.sheets.get(cw.sheetId)?.tabs.find((t) => t.name === DASHBOARD_TAB);
    expect(tab?.charts).toHaveLength(1);
  });

  it('reads no thread of the recruiter’s mailbox that is not a campaign thread', () => {
    const reads = world.audit.filter((e) => e.user === OWNER && e.resource.threadId);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((e) => !campaignThreads.has(e.resource.threadId))).toEqual([]);
    const lunch = ownerBox.threadIds().find((t) => !campaignThreads.has(t));
    expect(lunch).toBeDefined();
  });
});
