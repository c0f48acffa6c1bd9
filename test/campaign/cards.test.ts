// The campaign cards, driven by their buttons on the emulator (built bundle, Sheets host): every
// card checked against card.proto by CardWorld, every action inside its 3 s of simulated time.
import { messageHeader } from '../../emulator/gmail/mail-system';
import { CardWorld, notificationOf, RECRUITER, shownCard, textOf } from '../ui/world';

const ACTION_BUDGET_MS = 3000;

function sheetsWorld(moreRows: unknown[][] = []) {
  const w = new CardWorld();
  const sheetId = w.world.createSpreadsheet({
    owner: RECRUITER,
    name: 'Pipeline',
    tabs: {
      Candidates: [
        ['Email', 'First name', 'Company'],
        ['ana@talent.example', 'Ana', 'Zürich AG'],
        ['bo@talent.example', '', 'Bo & Co'],
        ...moreRows,
      ],
    },
  });
  w.host = { app: 'sheets', activeSpreadsheetId: sheetId };
  const click = (
    action: string,
    form: Record<string, string | string[]> = {},
    params: Record<string, string> = {},
  ) => {
    const shown = w.click(action, form, params);
    expect(shown.result.simulatedMs).toBeLessThan(ACTION_BUDGET_MS);
    return shown;
  };
  return { w, sheetId, click };
}

function campaignIdOf(w: CardWorld): string {
  const key = Object.keys(w.userProperties()).find((k) => /^b1\.c\.[^.]+$/.test(k));
  return key!.slice(5);
}

/** The value a text input of the card holds, found by its field name. */
function inputValue(node: unknown, field: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const input = (node as { textInput?: { name?: string; value?: string } }).textInput;
  if (input?.name === field) return input.value;
  for (const child of Object.values(node)) {
    const value = inputValue(child, field);
    if (value !== undefined) return value;
  }
  return undefined;
}

describe('the campaign cards', () => {
  const { w, sheetId, click } = sheetsWorld();
  const created = click(
    'campaign.create',
    { tab: 'Candidates', name: 'Hires' },
    { spreadsheetId: sheetId },
  );
  const id = campaignIdOf(w);

  it('create a campaign from the tab and open its editor with the email column and variables', () => {
    const text = textOf(shownCard(created.json));
    expect(notificationOf(created.json)).toBe('Campaign created: add its steps.');
    expect(text).toContain('Email column\nEmail');
    expect(text).toContain('{{First name}} {{Company}}');
    expect(text).toContain('Add at least one step.');
  });

  it('save a step and refuse to launch while a placeholder matches no column', () => {
    click(
      'campaign.saveStep',
      { subject: 'A role at {{Compnay}}', text: 'Hi {{First name}}' },
      { id, index: '0' },
    );
    const refused = click('campaign.launch', {}, { id });
    // A notification over the editor that was open, not an error card leading home.
    expect(notificationOf(refused.json)).toMatch(/No column matches \{\{Compnay\}\}/);
    expect(JSON.stringify(refused.json)).not.toMatch(/pushCard|Back to Baton home/);
    expect(w.world.triggersOf(w.project, RECRUITER)).toHaveLength(0);
  });

  it('preview a row and call out the variable it leaves empty', () => {
    click(
      'campaign.saveStep',
      { subject: 'A role at {{Company}} 🚀', text: 'Hi {{First name}}' },
      { id, index: '0' },
    );
    const preview = textOf(
      shownCard(click('campaign.preview', { row: '3', step: '1' }, { id }).json),
    );
    expect(preview).toContain('A role at Bo &amp; Co 🚀');
    expect(preview).toMatch(/Not sent to this row: \{\{First name\}\} empty/);
  });

  it('send a test of a row to the owner only', () => {
    const sent = click('campaign.sendTest', { row: '2', step: '1' }, { id });
    expect(notificationOf(sent.json)).toBe(`Test sent to ${RECRUITER}.`);
    const inbox = w.world.mail.mailbox(RECRUITER);
    const mine = inbox.threadIds().flatMap((t) => inbox.thread(t));
    expect(mine.map((m) => messageHeader(m, 'Subject'))).toEqual(['[Test] A role at Zürich AG 🚀']);
    expect(mine[0].labelIds.has('INBOX')).toBe(true);
    expect(w.world.mail.find('ana@talent.example')?.threadIds() ?? []).toEqual([]);
  });

  it('take a step’s subject and body from one of the owner’s Gmail drafts', () => {
    const raw = `From: ${RECRUITER}\r\nTo: \r\nSubject: Still looking, {{First name}}?\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nJust checking in.\r\n`;
    const { draftId } = w.world.mail.mailbox(RECRUITER).createDraft(raw);
    const editor = click('campaign.editStep', {}, { id, index: '1' });
    expect(textOf(shownCard(editor.json))).toContain('Or take the body from a Gmail draft');
    const used = click('campaign.stepFromDraft', { draftId }, { id, index: '1' });
    expect(notificationOf(used.json)).toBe(
      'Step 2 now uses the draft "Still looking, {{First name}}?".',
    );
    expect(textOf(shownCard(used.json))).toContain(
      '2. Still looking, {{First name}}? · 3 days later',
    );
  });

  it('move a step up, keeping each position’s delay, and delete a step', () => {
    const moved = textOf(shownCard(click('campaign.moveStep', {}, { id, index: '1' }).json));
    expect(moved).toMatch(
      /1\. Still looking, \{\{First name\}\}\?[^\n]*\n[^]*2\. A role at \{\{Company\}\} 🚀 · 3 days later/,
    );
    click('campaign.moveStep', {}, { id, index: '1' });
    click(
      'campaign.saveStep',
      { subject: 'Last call', text: 'Bye', delayDays: '5' },
      { id, index: '2' },
    );
    const deleted = click('campaign.deleteStep', {}, { id, index: '2' });
    expect(notificationOf(deleted.json)).toBe('Step 3 deleted.');
    const text = textOf(shownCard(deleted.json));
    expect(text).not.toContain('Last call');
    expect(text).toMatch(
      /1\. A role at \{\{Company\}\} 🚀[^]*2\. Still looking, \{\{First name\}\}\? · 3 days later/,
    );
  });

  it('name the field at fault when a setting is wrong', () => {
    const bad = click(
      'campaign.saveSettings',
      {
        timeZone: 'Mars/Olympus',
        windowStart: '9:00',
        windowEnd: '17:00',
        weekdays: ['1'],
        dailyCap: '20',
        startDate: '2026-03-02',
      },
      { id },
    );
    expect(notificationOf(bad.json)).toMatch(/"Mars\/Olympus" is not a time zone/);
    const sender = click('campaign.chooseSender', { senderEmail: 'not an address' }, { id });
    expect(notificationOf(sender.json)).toMatch(/not a valid email address/);
    const colleague = click(
      'campaign.chooseSender',
      { senderEmail: 'sam@elsewhere.example' },
      { id },
    );
    expect(notificationOf(colleague.json)).toMatch(/press "Send as a colleague…"/);
  });

  it('show the start date as it was saved, in the campaign’s time zone', () => {
    const saved = click(
      'campaign.saveSettings',
      {
        timeZone: 'Asia/Tokyo',
        windowStart: '9:00',
        windowEnd: '17:00',
        weekdays: ['1', '2', '3', '4', '5'],
        dailyCap: '20',
        startDate: '2026-03-02',
      },
      { id },
    );
    expect(notificationOf(saved.json)).toBe('Settings saved.');
    // Saved again as shown, the date must not move (it did, a day a save, east of UTC).
    expect(inputValue(shownCard(saved.json), 'startDate')).toBe('2026-03-02');
  });

  it('launch (installing one hourly trigger), pause, resume and end', () => {
    expect(textOf(shownCard(click('campaign.launch', {}, { id }).json))).toContain(
      'State\nRunning',
    );
    expect(w.world.triggersOf(w.project, RECRUITER)).toHaveLength(1);
    expect(textOf(shownCard(click('campaign.pause', {}, { id }).json))).toContain('State\nPaused');
    expect(textOf(shownCard(click('campaign.resume', {}, { id }).json))).toContain(
      'State\nRunning',
    );
    expect(textOf(shownCard(click('campaign.end', {}, { id }).json))).toContain('State\nEnded');
  });

  it('open the campaign’s replies and figures from its editor', () => {
    const editor = JSON.stringify(shownCard(click('campaign.open', {}, { id }).json));
    expect(editor).toContain('"replies.figures"');
    const figures = textOf(shownCard(click('replies.figures', {}, { campaignId: id }).json));
    expect(figures).toContain('Replies and figures');
    expect(figures).toMatch(/Replied/);
  });

  it('list the spreadsheet’s campaigns', () => {
    const list = textOf(shownCard(click('campaign.list', {}, {}).json));
    expect(list).toContain('Hires');
    expect(list).toContain('New campaign from this tab');
  });
});

describe('what the campaign cards say when something is wrong', () => {
  const { w, sheetId, click } = sheetsWorld([['not-an-address', 'Cy', 'Cy Ltd']]);
  click('campaign.create', { tab: 'Candidates', name: 'Hires' }, { spreadsheetId: sheetId });
  const id = campaignIdOf(w);

  it('a missing tab: says the tab is missing and what to do, not "Something went wrong"', () => {
    const missing = click('campaign.create', { tab: 'Old list' }, { spreadsheetId: sheetId });
    expect(notificationOf(missing.json)).toBe(
      'This spreadsheet has no tab "Old list" (renamed or deleted?). Give the tab back its name, or choose a tab that exists.',
    );
    expect(JSON.stringify(missing.json)).not.toMatch(/UNEXPECTED|went wrong|pushCard/);
  });

  it('a broken placeholder: refused at save, naming the step, the part and the text', () => {
    const saved = click(
      'campaign.saveStep',
      { subject: 'Hello {{First name', text: 'Hi {{{Company}}}' },
      { id, index: '0' },
    );
    expect(notificationOf(saved.json)).toBe(
      'Step 1, subject: "{{First name" is not a complete placeholder and would be sent as it stands. Write {{Column name}}, with two braces on each side.',
    );
  });

  it('a preview of a row with an invalid address: says the address is invalid, not that its cells are empty', () => {
    click(
      'campaign.saveStep',
      { subject: 'A role at {{Company}}', text: 'Hi {{First name}}' },
      { id, index: '0' },
    );
    const text = textOf(shownCard(click('campaign.preview', { row: '4', step: '1' }, { id }).json));
    expect(text).toContain('Row 4 is skipped: "not-an-address" is not a valid email address.');
    expect(text).toContain('A role at Cy Ltd');
    expect(text).not.toMatch(/empty/);
  });

  it('a subject empty once merged: the preview says the row gets nothing', () => {
    click('campaign.saveStep', { subject: '{{First name|}}', text: 'Hi' }, { id, index: '0' });
    const text = textOf(shownCard(click('campaign.preview', { row: '3', step: '1' }, { id }).json));
    expect(text).toContain("Not sent: the subject is empty once this row's values are filled in.");
  });
});
