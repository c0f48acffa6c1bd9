// The light card on a Gmail message that is neither a campaign thread nor an invitation: Baton
// reads nothing of the message, and points home.
import { actionButton, buttonRow, card, HOME_ACTION, paragraph, section } from '../kit';

export const MESSAGE_CARD_NAME = 'message';

export function otherMessageCard(): GoogleAppsScript.Card_Service.Card {
  return card({ name: MESSAGE_CARD_NAME, title: 'Baton' }, [
    section(undefined, [
      paragraph('This message is not part of a Baton campaign.'),
      buttonRow(actionButton('Open Baton home', HOME_ACTION, {}, 'filled')),
    ]),
  ]);
}
