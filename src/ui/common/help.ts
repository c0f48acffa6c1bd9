// The Help card (a universal action): how Baton works in a few plain lines, and who is signed in.
import type { HelpView } from '../../app/views';
import { loadHelp } from '../../app/home';
import {
  actionButton,
  buttonRow,
  card,
  HOME_ACTION,
  labelled,
  paragraph,
  pushCard,
  section,
  type ActionMap,
} from '../kit';

export const HELP_CARD_NAME = 'help';

const TOPICS: [string, string][] = [
  [
    'Start a campaign',
    'Open a Google Sheet with one candidate per row and a header row (Email, First name, ...). ' +
      'Open Baton in the sheet and choose <b>New campaign from this tab</b>. Write the steps, ' +
      'preview a row, send yourself a test, then <b>Launch</b>.',
  ],
  [
    'Sending',
    'Baton sends from your own mailbox once an hour, inside the window and days you chose, never ' +
      'more than the daily cap. Follow-ups stay in the candidate’s thread.',
  ],
  [
    'Replies',
    'When a candidate replies, their sequence stops. Replies are listed in the sheet’s ' +
      '<b>Replies</b> tab; open one in Gmail to mark it interested or not.',
  ],
  [
    'Colleagues',
    'A campaign can be sent from a colleague’s mailbox. They see every step before they approve, ' +
      'and can revoke at any time from their Baton home.',
  ],
];

export function helpCard(view: HelpView): GoogleAppsScript.Card_Service.Card {
  return card({ name: HELP_CARD_NAME, title: 'Baton help' }, [
    ...TOPICS.map(([title, text]) => section(title, [paragraph(text)])),
    section('You', [
      labelled('Signed in as', view.email),
      labelled(
        'Sending from your mailbox',
        view.triggerInstalled ? 'On' : 'Off: turn it on from the home card',
      ),
      buttonRow(actionButton('Baton home', HOME_ACTION, {}, 'filled')),
    ]),
  ]);
}

export const helpActions: ActionMap = {
  'help.open': (_event, ports) => pushCard(helpCard(loadHelp(ports))),
};
