// The recruiter's whole story, on the emulator running the BUILT bundle, driven only through
// Baton's cards and the clock: a campaign from a tab, preview, test send, launch; time passes,
// mail goes out; a candidate replies; the owner sees it on the home card and in the Replies tab.
// Every card action stays inside its 3 s budget of simulated time.
import { World } from '../../emulator';
import { loadBuiltBaton } from '../../sim/baton-world';
import { headerValue } from '../../emulator/gmail/mime';
import { CardDriver } from './driver';

const RITA = 'rita@acme.com';
const MIA = 'mia@acme.com';
const ANN = 'ann@candidates.example';
const BEN = 'ben@candidates.example';
const HOUR = 3_600_000;

function setUp() {
  const world = new World({ seed: 11, start: '2026-03-02T07:00:00Z' });
  world.addUser({ email: RITA, name: 'Rita', timeZone: 'Europe/Paris' });
  world.addUser({ email: MIA, name: 'Mia' });
  world.addUser({ email: ANN, name: 'Ann', kind: 'consumer' });
  world.addUser({ email: BEN, name: 'Ben', kind: 'consumer' });
  const project = loadBuiltBaton();
  const sheetId = world.createSpreadsheet({
    owner: RITA,
    name: 'Hiring',
    tabs: {
      Candidates: [
        ['Email', 'First name'],
        [ANN, 'Ann'],
        [BEN, 'Ben'],
      ],
    },
  });
  return { world, project, sheetId };
}

/** Messages in a mailbox whose subject contains `subject`. */
function inbox(world: World, who: string, subject: string) {
  const box = world.mail.mailbox(who);
  return box
    .threadIds()
    .flatMap((t) => box.thread(t))
    .filter((m) => (headerValue(m.parsed.headers, 'Subject') ?? '').includes(subject));
}

describe('a recruiter’s campaign, through the cards only', () => {
  let sheets: CardDriver | undefined;

  it('goes from a tab to a reply the owner sees on the home card and in the Replies tab', () => {
    const { world, project, sheetId } = setUp();
    sheets = new CardDriver(world, project, RITA, {
      app: 'sheets',
      activeSpreadsheetId: sheetId,
    });

    // A campaign from the tab, one step, a preview of Ann's row and a test to myself.
    sheets.open('onSheetsHomepage');
    expect(sheets.text()).toContain('No campaign in this spreadsheet yet.');
    sheets.click('New campaign from this tab', { name: 'Backend' });
    expect(sheets.card().name).toBe('campaign.editor');
    sheets.click('Add step');
    sheets.click('Save step', {
      subject: 'Backend role for {{First name}}',
      text: 'Hi {{First name}}, would you like to talk about a backend role?',
    });
    expect(sheets.text()).toContain('Backend role for {{First name}}');
    sheets.click('Preview', { row: '2', step: '1' });
    expect(sheets.text()).toContain('Hi Ann, would you like to talk about a backend role?');
    sheets.stack.pop(); // the host's Back arrow
    sheets.click('Send me a test', { row: '3', step: '1' });
    expect(sheets.notification).toBe(`Test sent to ${RITA}.`);
    expect(inbox(world, RITA, 'Backend role for Ben')).toHaveLength(1);

    // Launch: the hourly tick is installed and sends inside Monday's window.
    sheets.click('Launch');
    expect(sheets.notification).toMatch(/^Launched/);
    world.advance(6 * HOUR);
    const toAnn = inbox(world, ANN, 'Backend role for Ann');
    expect(toAnn).toHaveLength(1);
    expect(inbox(world, BEN, 'Backend role for Ben')).toHaveLength(1);

    // Ann replies; the next ticks find it.
    world.mail.mailbox(ANN).reply(toAnn[0].id, {
      text: 'Hi Rita, yes I am interested, happy to talk this week.',
    });
    world.advance(3 * HOUR);

    // The owner's Gmail home shows the reply; the Replies tab has one row for Ann.
    const gmail = new CardDriver(world, project, RITA, { app: 'gmail' }).open('onHomepage');
    expect(gmail.text()).toContain('<b>Backend</b>');
    expect(gmail.text()).toMatch(/sent 2 · replied 1 · interested 1/);
    const replies = world.sheets.values(sheetId, 'Replies');
    expect(replies.slice(1).filter((row) => row.join(' ').includes(ANN))).toHaveLength(1);
  });

  it('keeps every card action of the story inside 3 s of simulated time', () => {
    if (!sheets) throw new Error('The story did not run.');
    expect(sheets.actionsOver(3000)).toEqual([]);
  });
});

describe('a colleague sending for the recruiter, through the cards only', () => {
  const drivers: CardDriver[] = [];

  it('invites from the campaign, authorizes from the invitation in Gmail, and both see it', () => {
    const { world, project, sheetId } = setUp();
    const sheets = new CardDriver(world, project, RITA, {
      app: 'sheets',
      activeSpreadsheetId: sheetId,
    });
    sheets.open('onSheetsHomepage').click('New campaign from this tab', { name: 'Backend' });
    sheets.click('Add step');
    sheets.click('Save step', { subject: 'Hello {{First name}}', text: 'Hi {{First name}}!' });
    sheets.click('Send as a colleague…');
    sheets.click('Send invitation', { inviteName: 'Mia', inviteEmail: MIA });
    expect(sheets.notification).toContain(`${MIA}`);
    world.advance(HOUR); // the invitation may go out from a trigger, not the click itself

    // Mia opens the invitation in Gmail: every step as it will be sent, and Authorize.
    const box = world.mail.mailbox(MIA);
    const threadId = box.threadIds()[0];
    const messageId = box.thread(threadId)[0].id;
    const gmail = new CardDriver(world, project, MIA, {
      app: 'gmail',
      gmail: { messageId, threadId, accessToken: 'open-message-token' },
    });
    gmail.open('onGmailMessage', 'contextual');
    expect(gmail.text()).toContain('Hi {{First name}}!');
    gmail.click('Authorize');
    expect(gmail.card().header).toEqual({ title: 'Connected — there is nothing else to do' });

    // Mia's home lists the grant; Rita's Senders card shows Mia active.
    const miaHome = new CardDriver(world, project, MIA, { app: 'gmail' }).open('onHomepage');
    expect(miaHome.text()).toContain('Sending for colleagues');
    expect(miaHome.text()).toContain('Active\n<b>Backend</b>');
    sheets.open('onSheetsHomepage').click('Open').click('Senders');
    expect(sheets.text()).toContain('Active');
    drivers.push(sheets, gmail);
  });

  it('keeps every card action of the story inside 3 s of simulated time', () => {
    if (drivers.length === 0) throw new Error('The story did not run.');
    expect(drivers.flatMap((d) => d.actionsOver(3000))).toEqual([]);
  });
});
