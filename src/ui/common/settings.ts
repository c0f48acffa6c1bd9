// The Settings card (a universal action): the defaults every new campaign starts from — time
// zone, send window, weekdays, daily cap — checked with the campaign rules before they are kept.
import { loadSettings, saveDefaults } from '../../app/home';
import type { CampaignDefaults, SettingsView } from '../../app/views';
import { MAX_DAILY_CAP } from '../../core/campaign';
import { formatClock } from '../../core/schedule';
import {
  actionButton,
  card,
  clockFormValue,
  formValues,
  integerFormValue,
  noticeSection,
  pushCard,
  requiredFormValue,
  section,
  textInput,
  updateCard,
  userTimeZone,
  type ActionMap,
  type CardEvent,
} from '../kit';

export const SETTINGS_CARD_NAME = 'settings';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The form's field names: the same as the fields validation errors name, where they match. */
export const SETTINGS_FIELDS = {
  timeZone: 'timeZone',
  windowStart: 'windowStart',
  windowEnd: 'windowEnd',
  weekdays: 'weekdays',
  dailyCap: 'dailyCap',
} as const;

export function settingsCard(view: SettingsView): GoogleAppsScript.Card_Service.Card {
  const d = view.defaults;
  let days = CardService.newSelectionInput()
    .setType(CardService.SelectionInputType.CHECK_BOX)
    .setFieldName(SETTINGS_FIELDS.weekdays)
    .setTitle('Send on');
  WEEKDAYS.forEach(
    (name, day) => (days = days.addItem(name, String(day), d.weekdays.includes(day))),
  );
  return card(
    { name: SETTINGS_CARD_NAME, title: 'Settings', subtitle: 'Defaults for new campaigns' },
    [
      ...noticeSection(view.notices),
      section('Defaults for new campaigns', [
        textInput(SETTINGS_FIELDS.timeZone, 'Time zone', d.timeZone, { hint: 'e.g. Europe/Paris' }),
        textInput(SETTINGS_FIELDS.windowStart, 'Send from', formatClock(d.windowStartMinute), {
          hint: 'e.g. 9:00',
        }),
        textInput(SETTINGS_FIELDS.windowEnd, 'Send until', formatClock(d.windowEndMinute), {
          hint: 'e.g. 17:00',
        }),
        days,
        textInput(SETTINGS_FIELDS.dailyCap, 'Daily cap', String(d.dailyCap), {
          hint: `1 to ${MAX_DAILY_CAP} a day`,
        }),
      ]),
    ],
    actionButton('Save', 'settings.save', {}, 'filled'),
  );
}

/** The defaults the form holds, each field checked and named when wrong. */
export function readDefaultsForm(event: CardEvent): CampaignDefaults {
  return {
    timeZone: requiredFormValue(event, SETTINGS_FIELDS.timeZone, 'Time zone'),
    windowStartMinute: clockFormValue(event, SETTINGS_FIELDS.windowStart, 'Send from'),
    windowEndMinute: clockFormValue(event, SETTINGS_FIELDS.windowEnd, 'Send until'),
    weekdays: formValues(event, SETTINGS_FIELDS.weekdays).map(Number),
    dailyCap: integerFormValue(event, SETTINGS_FIELDS.dailyCap, 'Daily cap', {
      min: 1,
      max: MAX_DAILY_CAP,
    }),
  };
}

export const settingsActions: ActionMap = {
  'settings.open': (event, ports) =>
    pushCard(settingsCard(loadSettings(ports, userTimeZone(event)))),
  'settings.save': (event, ports) => {
    saveDefaults(ports, readDefaultsForm(event));
    return updateCard(
      settingsCard(loadSettings(ports, userTimeZone(event))),
      'Saved: new campaigns start from these settings.',
    );
  },
};
