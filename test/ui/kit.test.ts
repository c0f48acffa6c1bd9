// The card kit and the dispatcher, in plain Node with the emulator's CardService as the global:
// event readers name the wrong field, errors become plain words, buttons all call onCardAction,
// and every card Baton's builders make in every state fits card.proto.
import { standaloneCardService, toAddOnJson } from '../../emulator/cards';
import { checkAddOnResultJson, checkCardJson } from '../../emulator/fidelity/cards';
import type { HomeView } from '../../src/app/views';
import { BatonError } from '../../src/core/errors';
import { helpCard } from '../../src/ui/common/help';
import { settingsCard } from '../../src/ui/common/settings';
import { ACTIONS, dispatchCardAction, mergeActions } from '../../src/ui/dispatcher';
import { homeCard } from '../../src/ui/home/card';
import { otherMessageCard } from '../../src/ui/home/message';
import {
  actionButton,
  dateFormValue,
  errorCard,
  errorResponse,
  errorView,
  integerFormValue,
  optionalDateFormValue,
  progressBar,
  requiredFormValue,
  requiredParameter,
  type CardEvent,
} from '../../src/ui/kit';
import type { Ports } from '../../src/ports';

beforeAll(() => {
  (globalThis as { CardService?: unknown }).CardService = standaloneCardService();
});

const form = (inputs: Record<string, string[]>): CardEvent => ({
  commonEventObject: {
    formInputs: Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [k, { stringInputs: { value: v } }]),
    ),
  },
});

describe('reading the card event', () => {
  it('returns a filled field trimmed', () => {
    expect(requiredFormValue(form({ subject: ['  Hi  '] }), 'subject', 'Subject')).toBe('Hi');
  });

  it('names the field that was left empty', () => {
    expect(() => requiredFormValue(form({ subject: ['  '] }), 'subject', 'Subject')).toThrow(
      expect.objectContaining({
        code: 'MISSING_FIELD',
        field: 'subject',
        message: 'Fill in "Subject", then try again.',
      }),
    );
  });

  it('refuses a number out of range, saying the range', () => {
    expect(() =>
      integerFormValue(form({ cap: ['0'] }), 'cap', 'Daily cap', { min: 1, max: 9 }),
    ).toThrow('"Daily cap" must be a whole number from 1 to 9; "0" is not.');
    expect(integerFormValue(form({ cap: ['7'] }), 'cap', 'Daily cap', { min: 1, max: 9 })).toBe(7);
  });

  it('reads a date typed YYYY-MM-DD and refuses one the calendar does not have', () => {
    expect(dateFormValue(form({ start: [' 2028-02-29 '] }), 'start', 'Start date')).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
    for (const typed of ['2026-02-29', '2026-13-01', '2026-3-2', 'tomorrow'])
      expect(() => dateFormValue(form({ start: [typed] }), 'start', 'Start date')).toThrow(
        expect.objectContaining({
          code: 'BAD_DATE',
          field: 'start',
          message: `"Start date" must be a date such as 2026-12-31; "${typed}" is not.`,
        }),
      );
    expect(() => dateFormValue(form({}), 'start', 'Start date')).toThrow('Fill in "Start date"');
    expect(optionalDateFormValue(form({ end: [''] }), 'end', 'End date')).toBeUndefined();
  });

  it('reads parameters from commonEventObject, else from the older top-level copy', () => {
    expect(requiredParameter({ commonEventObject: { parameters: { id: 'a' } } }, 'id')).toBe('a');
    expect(requiredParameter({ parameters: { id: 'b' } }, 'id')).toBe('b');
    expect(() => requiredParameter({}, 'id')).toThrow(/lacks its "id"/);
  });
});

describe('buttons', () => {
  it('always call onCardAction, with the action name as a parameter', () => {
    const json = toAddOnJson(
      CardService.newCardBuilder()
        .addSection(
          CardService.newCardSection().addWidget(actionButton('Stop', 'replies.stop', { id: '7' })),
        )
        .build(),
    ) as { sections: { widgets: { buttonList: { buttons: { onClick: unknown }[] } }[] }[] };
    expect(json.sections[0].widgets[0].buttonList.buttons[0].onClick).toEqual({
      action: {
        function: 'onCardAction',
        parameters: [
          { key: 'id', value: '7' },
          { key: 'action', value: 'replies.stop' },
        ],
      },
    });
  });
});

describe('progressBar', () => {
  it.each([
    [0, 0, '░░░░░░░░░░ 0%'],
    [1, 4, '███░░░░░░░ 25%'],
    [4, 4, '██████████ 100%'],
    [5, 4, '██████████ 100%'],
  ])('%i of %i is %s', (done, total, bar) => {
    expect(progressBar(done, total)).toBe(bar);
  });
});

describe('errors', () => {
  it('keep the words and code of Baton’s own errors', () => {
    expect(
      errorView(new BatonError('STORE_FULL', 'Storage is full: end a campaign.')),
    ).toMatchObject({
      code: 'STORE_FULL',
      message: 'Storage is full: end a campaign.',
    });
  });

  it('turn Apps Script’s quota message into what it means for the user', () => {
    const view = errorView(new Error('Service invoked too many times for one day: email.'));
    expect(view).toMatchObject({ code: 'QUOTA_EMAIL', title: 'Daily email limit reached' });
  });

  it('never show an unexpected error’s own text', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const json = toAddOnJson(
      errorResponse(new TypeError("Cannot read properties of undefined (reading 'x')")),
    );
    expect(JSON.stringify(json)).not.toContain('Cannot read');
    expect(JSON.stringify(json)).toContain('Nothing was lost');
  });

  it('answer Baton’s errors with a notification over the open card, a stale card’s and others with a card', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const notification = (text: string) => ({
      renderActions: { action: { notification: { text } } },
    });
    const field = toAddOnJson(
      errorResponse(new BatonError('MISSING_FIELD', 'Fill in "Subject".', 'subject')),
    );
    expect(field).toEqual(notification('Fill in "Subject".'));
    const notReady = toAddOnJson(errorResponse(new BatonError('NOT_READY', 'Add a step.')));
    expect(notReady).toEqual(notification('Add a step.'));
    for (const stale of [new BatonError('NO_CAMPAIGN', 'Gone.'), new Error('boom')])
      expect(JSON.stringify(toAddOnJson(errorResponse(stale)))).toContain('"pushCard"');
  });
});

describe('the dispatcher', () => {
  it('refuses two features claiming the same action name', () => {
    const handler = () => {
      throw new Error('not called');
    };
    expect(() => mergeActions({ 'a.go': handler }, { 'a.go': handler })).toThrow(
      'Two card actions are called "a.go": rename one.',
    );
  });

  it('names every action feature.verb', () => {
    for (const name of Object.keys(ACTIONS)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('turns an exception in a handler into an error card', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const ports = {
      identity: { email: () => 'x@acme.com' },
      store: {
        readAll: () => {
          throw new Error('boom');
        },
      },
    } as unknown as Ports;
    const json = toAddOnJson(dispatchCardAction({ parameters: { action: 'home.open' } }, ports));
    expect(checkAddOnResultJson(json)).toEqual([]);
    expect(JSON.stringify(json)).toContain('"name":"error"');
  });
});

const mailbox = {
  email: 'rita@acme.com',
  triggerInstalled: true,
  quotaLeftToday: 1500,
  storeUsedPercent: 3,
};
const campaign = {
  id: 'c1',
  name: 'Backend',
  state: 'running' as const,
  candidates: 10,
  finished: 4,
  sent: 12,
  replied: 3,
  interested: 2,
  spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/s1/edit',
};
const HOME_STATES: [string, HomeView][] = [
  [
    'empty',
    {
      mailbox: { ...mailbox, triggerInstalled: false },
      campaigns: [],
      grants: [],
      notices: [{ tone: 'warning', text: 'Sending is off.' }],
    },
  ],
  ['normal', { mailbox, campaigns: [campaign], grants: [], notices: [] }],
  ['paused', { mailbox, campaigns: [{ ...campaign, state: 'paused' }], grants: [], notices: [] }],
  [
    'quota exhausted',
    {
      mailbox: { ...mailbox, quotaLeftToday: 0 },
      campaigns: [{ ...campaign, blockedReason: 'Daily sending limit reached.' }],
      grants: [],
      notices: [{ tone: 'error', text: 'Limit reached.' }],
    },
  ],
  [
    'needs re-approval',
    {
      mailbox,
      campaigns: [],
      grants: [
        {
          campaignId: 'c9',
          campaignName: 'Sales',
          ownerEmail: 'olga@acme.com',
          state: 'needs_reapproval',
        },
        { campaignId: 'c8', campaignName: 'Ops', ownerEmail: 'olga@acme.com', state: 'active' },
      ],
      notices: [],
    },
  ],
];

describe('every card Baton builds fits card.proto', () => {
  it.each(HOME_STATES)('the home card, %s', (_state, view) => {
    expect(checkCardJson(toAddOnJson(homeCard(view)))).toEqual([]);
  });

  it('offers Review and Revoke on a grant that needs re-approval', () => {
    const text = JSON.stringify(toAddOnJson(homeCard(HOME_STATES[4][1])));
    expect(text).toContain('Needs your re-approval');
    expect(text).toContain('"value":"delegation.review"');
    expect(text).toContain('"value":"delegation.revoke"');
  });

  it('the settings, help, light message and error cards', () => {
    const defaults = {
      timeZone: 'Europe/Paris',
      windowStartMinute: 540,
      windowEndMinute: 1020,
      weekdays: [1, 2],
      dailyCap: 50,
    };
    for (const card of [
      settingsCard({ defaults, notices: [] }),
      helpCard({ email: 'rita@acme.com', triggerInstalled: false }),
      otherMessageCard(),
      errorCard({ title: 'Oops', message: 'Try again.', code: 'X' }),
    ])
      expect(checkCardJson(toAddOnJson(card))).toEqual([]);
  });
});
