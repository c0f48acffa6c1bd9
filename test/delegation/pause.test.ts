// A bounce caused by the sending side, in a colleague's mailbox, on the emulator with the built
// bundle: the colleague's copy pauses, the owner gets one mail from that mailbox saying why and
// what to do, sees it on the home card and the Senders card, and resuming sends again.
import { shownCard, textOf } from '../ui/world';
import { gmailBounce } from '../replies/fakes';
import { COLLEAGUE, DAY, DelegationWorld, headerOf, HOUR, OWNER } from './world';

const CAMPAIGN = 'cpause01';
const OUTBOX = 2 * 60_000;

function decodedBody(raw: string): string {
  const [, ...body] = raw.split(/\r?\n\r?\n/);
  return Buffer.from(body.join('').replace(/\s/g, ''), 'base64').toString('utf8');
}

describe('a bounce on the colleague’s sending side, on the emulator', () => {
  const w = new DelegationWorld(3);
  const [cand1, cand2, cand3] = w.candidates;
  const notices = () =>
    w
      .messagesWithHeader(OWNER, 'X-Baton-Notice')
      .filter((m) => headerOf(m.raw, 'From').includes(COLLEAGUE));
  const status = () => w.tab('Senders').find((r) => r[3] === CAMPAIGN)?.[4] ?? '';
  const stateCell = (address: string) => {
    const rows = w.tab('Candidates');
    return rows.find((r) => r[0] === address)?.[rows[0].indexOf('Baton state')] ?? '';
  };

  beforeAll(() => {
    w.seedOwnerCampaigns([{ id: CAMPAIGN, tabName: 'Candidates', name: 'Backend hires' }]);
    w.connectColleague(CAMPAIGN);
    w.world.advance(2 * HOUR);
  });

  it('pauses the colleague’s copy and mails the owner once, from the colleague’s mailbox', () => {
    for (const c of w.candidates) expect(w.received(c, COLLEAGUE)).toHaveLength(1);
    // Gmail files the DSN in the thread of the bounced message, in the sending mailbox.
    const box = w.world.mail.mailbox(COLLEAGUE);
    const sent = box
      .threadIds()
      .flatMap((t) => box.thread(t))
      .find((m) => m.labelIds.has('SENT') && headerOf(m.raw, 'To').includes(cand1));
    const dmarc = 'Unauthenticated email from acme.com is not accepted due to DMARC policy.';
    box.store(gmailBounce(cand1, COLLEAGUE, '5.7.26', dmarc), sent?.threadId, ['INBOX', 'UNREAD']);
    w.world.advance(2 * HOUR);
    expect(notices()).toHaveLength(1);
    const mail = notices()[0];
    expect(headerOf(mail.raw, 'Subject')).toBe(
      'Baton paused "Backend hires": mail from sam@acme.com bounced',
    );
    const text = decodedBody(mail.raw);
    expect(text).toContain(`to ${cand1} bounced because a policy refused mail`);
    expect(text).toContain('(status 5.7.26)');
    expect(text).toMatch(/What to do: Ask your Workspace admin to check .*DMARC/);
    expect(text).toContain('press Resume');
  });

  it('says why in the sheet: the waiting rows and the colleague’s Senders row', () => {
    for (const c of [cand1, cand2, cand3])
      expect(stateCell(c)).toMatch(
        /^Paused by Baton: mail from sam@acme.com bounced because a policy/,
      );
    expect(status()).toMatch(/^Paused by Baton \d{4}-.*Z: Paused by Baton: mail from sam@acme.com/);
  });

  it('tells the colleague on their home card that the owner resumes it', () => {
    expect(textOf(w.run(COLLEAGUE, 'onHomepage', 'homepage'))).toMatch(
      /“Backend hires” is paused\. .*Only its owner, rita@acme.com, can resume it/,
    );
  });

  it('shows the owner the pause and what to do on the home card and the Senders card', () => {
    const home = textOf(w.run(OWNER, 'onHomepage', 'homepage'));
    expect(home).toMatch(/“Backend hires” is paused\. Paused by Baton: mail from sam@acme.com/);
    expect(home).toMatch(/DMARC/);
    expect(home).not.toMatch(/Only its owner/);
    const senders = textOf(
      shownCard(w.click(OWNER, 'delegation.senders', { campaignId: CAMPAIGN })),
    );
    expect(senders).toMatch(/Paused/);
    expect(senders).toMatch(/status 5\.7\.26/);
  });

  it('sends nothing while paused, and mails the owner no more than once', () => {
    w.world.advance(3 * DAY);
    for (const c of w.candidates) expect(w.received(c, COLLEAGUE)).toHaveLength(1);
    expect(notices()).toHaveLength(1);
  });

  it('sends again once the owner resumes, the bounced candidate included', () => {
    w.click(OWNER, 'campaign.resume', { id: CAMPAIGN });
    w.world.advance(OUTBOX);
    expect(status()).toMatch(/^Resumed by the owner /);
    w.world.advance(3 * HOUR);
    for (const c of w.candidates) expect(w.received(c, COLLEAGUE)).toHaveLength(2);
    expect(status()).toBe('Active');
    expect(textOf(w.run(OWNER, 'onHomepage', 'homepage'))).not.toMatch(/is paused/);
    expect(notices()).toHaveLength(1);
  });
});
