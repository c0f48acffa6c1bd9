// Baton's own cards, rendered by the BUILT bundle on the emulator in each state a user meets
// (empty, normal, paused, blocked, quota exhausted, error), every one checked against card.proto,
// and every card action inside its 3 s budget of simulated time.
import { CardWorld, notificationOf, RECRUITER, shownCard, textOf } from './world';

/** The budget for one card action on the emulator's cost model. */
const ACTION_BUDGET_MS = 3000;

describe('the Gmail home card', () => {
  it('shows an empty state that says how to start, and that sending is off', () => {
    const w = new CardWorld();
    const { json } = w.run('onHomepage', 'homepage');
    const text = textOf(json);
    expect((json as { name: string }).name).toBe('home');
    expect(text).toContain(RECRUITER);
    expect(text).toContain('No campaigns yet');
    expect(text).toContain('Sending is off for your mailbox');
    expect(text).toMatch(/Left today\n\d+ recipients/);
  });

  it('turns sending on from its button, once however often it is clicked', () => {
    const w = new CardWorld();
    const first = w.click('home.enableSending');
    expect(notificationOf(first.json)).toBe('Sending is on: Baton sends every hour.');
    expect(textOf(shownCard(first.json))).toContain('On: Baton sends every hour');
    const again = w.click('home.enableSending');
    expect(notificationOf(again.json)).toBe('Sending was already on.');
    expect(w.world.triggers.of(w.project.id, RECRUITER)).toHaveLength(1);
  });

  it('lists campaigns with figures and a text progress bar, paused ones first', () => {
    const w = new CardWorld();
    w.click('home.enableSending');
    w.seedCampaigns([
      {
        name: 'Backend <hires>',
        state: 'running',
        progress: ['done', 'replied', 'active', 'active'],
        interested: [1],
      },
      { name: 'Designers', state: 'paused', progress: ['opted_out', 'active'] },
    ]);
    const text = textOf(w.run('onHomepage', 'homepage').json);
    expect(text.indexOf('Designers')).toBeLessThan(text.indexOf('Backend'));
    expect(text).toContain('Paused\n<b>Designers</b><br>█████░░░░░ 50% of 2');
    expect(text).toContain('<b>Backend &lt;hires&gt;</b><br>█████░░░░░ 50% of 4');
    expect(text).toContain('sent 2 · replied 1 · interested 1');
  });

  it('says when the daily quota is used up, and marks running campaigns blocked', () => {
    const w = new CardWorld();
    w.click('home.enableSending');
    w.seedCampaigns([{ name: 'Backend', state: 'running', progress: ['active'] }]);
    w.exhaustEmailQuota();
    const text = textOf(w.run('onHomepage', 'homepage').json);
    expect(text).toContain('daily sending limit');
    expect(text).toContain('Left today\n0 recipients');
    expect(text).toContain('Blocked: Daily sending limit reached');
  });

  it('shows an error card in plain words when Google fails to read the store', () => {
    const w = new CardWorld();
    w.world.faults = { transient: [{ service: 'PropertiesService', share: 1 }] };
    const { json, result } = w.run('onHomepage', 'homepage');
    const text = textOf(json);
    expect((json as { name: string }).name).toBe('error');
    expect(text).toContain('Nothing was lost: try again in a moment');
    expect(text).not.toContain('server error');
    // The details went to the execution log, not to the card.
    expect(result.logs.some((l) => l.level === 'error' && l.message.includes('server error'))).toBe(
      true,
    );
  });
});

describe('the Sheets homepage', () => {
  it('shows the campaign list of the open spreadsheet, ready to start one from a tab', () => {
    const w = new CardWorld();
    const id = w.world.createSpreadsheet({
      owner: RECRUITER,
      name: 'Hiring',
      tabs: {
        Candidates: [
          ['Email', 'First name'],
          ['ann@example.com', 'Ann'],
        ],
      },
    });
    w.host = { app: 'sheets', activeSpreadsheetId: id };
    const text = textOf(w.run('onSheetsHomepage', 'homepage').json);
    expect(text).toContain('No campaign in this spreadsheet yet.');
    expect(text).toContain('New campaign from this tab');
  });
});

describe('the card for an open Gmail message', () => {
  it('is a light card pointing home for a message that is not Baton’s, reading no other thread', () => {
    const w = new CardWorld();
    w.openMailFromFriend('Lunch?');
    const { json, result } = w.run('onGmailMessage', 'contextual');
    expect(Array.isArray(json)).toBe(true);
    expect(textOf(json)).toContain('not part of a Baton campaign');
    // The contextual scope lets Baton read the open message's metadata, and nothing else.
    const reads = w.world.audit.filter((a) => a.executionId === result.executionId);
    for (const read of reads) expect(read.resource.threadId).toBe(w.host.gmail?.threadId);
  });
});

describe('Settings', () => {
  it('opens with Baton’s defaults in the user’s time zone', () => {
    const w = new CardWorld();
    const card = shownCard(w.run('onUniversalSettings', 'universal').json);
    const text = JSON.stringify(card);
    expect(text).toContain('"value":"Europe/Paris"');
    expect(text).toContain('"value":"9:00"');
    expect(text).toContain('"value":"50"');
  });

  it('saves valid defaults and shows them next time', () => {
    const w = new CardWorld();
    const saved = w.click('settings.save', {
      timeZone: 'America/New_York',
      windowStart: '8:30',
      windowEnd: '18:00',
      weekdays: ['1', '3'],
      dailyCap: '120',
    });
    expect(notificationOf(saved.json)).toBe('Saved: new campaigns start from these settings.');
    const again = JSON.stringify(shownCard(w.run('onUniversalSettings', 'universal').json));
    expect(again).toContain('"value":"America/New_York"');
    expect(again).toContain('"value":"8:30"');
    expect(again).toContain('"value":"120"');
    expect(again).toContain('{"text":"Wednesday","value":"3","selected":true}');
    expect(again).toContain('{"text":"Friday","value":"5","selected":false}');
  });

  it.each([
    [{ dailyCap: 'lots' }, '"Daily cap" must be a whole number from 1 to 2000; "lots" is not.'],
    [{ windowStart: 'noon' }, '"Send from" must be a time such as 9:00; "noon" is not.'],
    [
      { timeZone: 'Mars/Olympus' },
      '"Mars/Olympus" is not a time zone. Use a name such as Europe/Paris.',
    ],
    [{ weekdays: [] as string[] }, 'Choose at least one weekday to send on.'],
    [{ windowEnd: '7:00' }, 'The send window must start before it ends.'],
  ])('refuses %j, naming what to fix, and keeps nothing', (change, message) => {
    const w = new CardWorld();
    const form = {
      timeZone: 'Europe/Paris',
      windowStart: '9:00',
      windowEnd: '17:00',
      weekdays: ['1'],
      dailyCap: '50',
      ...change,
    };
    const { json } = w.click('settings.save', form);
    expect(notificationOf(json)).toBe(message);
    expect(w.userProperties()['baton.defaults']).toBeUndefined();
  });
});

describe('Help and the universal Home', () => {
  it('shows help with who is signed in', () => {
    const w = new CardWorld();
    const text = textOf(shownCard(w.run('onUniversalHelp', 'universal').json));
    expect(text).toContain('Start a campaign');
    expect(text).toContain(`Signed in as\n${RECRUITER}`);
  });

  it('shows the home card', () => {
    const w = new CardWorld();
    expect(shownCard(w.run('onUniversalHome', 'universal').json).name).toBe('home');
  });
});

describe('the dispatcher', () => {
  it('answers an unknown action with an error card that names it and leads home', () => {
    const w = new CardWorld();
    const card = shownCard(w.click('campaign.teleport').json);
    expect(card.name).toBe('error');
    expect(textOf(card)).toContain('"campaign.teleport"');
    expect(JSON.stringify(card)).toContain('"key":"action","value":"home.open"');
  });

  it('answers a click with no action name with an error card, not a stack trace', () => {
    const w = new CardWorld();
    const { json } = w.run('onCardAction', 'action', { parameters: {} });
    expect(textOf(shownCard(json))).toContain('did not say what to do');
  });
});

describe('card actions on the cost model', () => {
  it.each([
    ['home.open', undefined],
    ['home.enableSending', undefined],
    ['settings.open', undefined],
    ['help.open', undefined],
    [
      'settings.save',
      {
        timeZone: 'Europe/Paris',
        windowStart: '9:00',
        windowEnd: '17:00',
        weekdays: ['1'],
        dailyCap: '50',
      },
    ],
  ])('%s finishes within 3 s of simulated time', (action, form) => {
    const w = new CardWorld();
    w.seedCampaigns([{ name: 'Backend', state: 'running', progress: ['active', 'done'] }]);
    const { result } = w.click(action, form);
    expect(result.simulatedMs).toBeLessThan(ACTION_BUDGET_MS);
  });
});
