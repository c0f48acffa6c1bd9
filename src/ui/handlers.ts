// Entry points of every card: the homepages (Gmail, Sheets), the card for an open Gmail message,
// the universal actions (Home, Settings, Help) and card actions (to the one dispatcher). Any
// failure shows the error card, never a stack trace. Each shares one read of the user's store.
import { cardExecutionPorts } from '../app/card-execution';
import { loadHelp, loadSettings } from '../app/home';
import type { Ports } from '../ports';
import { helpCard } from './common/help';
import { sheetsHomeCard } from './campaign/actions';
import { settingsCard } from './common/settings';
import { dispatchCardAction, MESSAGE_CARDS } from './dispatcher';
import { homeView } from './home/actions';
import { homeCard } from './home/card';
import { otherMessageCard } from './home/message';
import { asEvent, errorCardFor, userTimeZone, type CardEvent } from './kit';

type Card = GoogleAppsScript.Card_Service.Card;

/** Builds a card; a failure becomes the error card. */
function safely(build: () => Card): Card {
  try {
    return build();
  } catch (error) {
    return errorCardFor(error);
  }
}

export const handleHomepage = (_e: unknown, ports: Ports): Card =>
  safely(() => homeCard(homeView(cardExecutionPorts(ports))));

/** The Sheets homepage: the campaigns of the open spreadsheet (the campaign cards). */
export const handleSheetsHomepage = (e: unknown, ports: Ports): Card =>
  safely(() => sheetsHomeCard(asEvent(e), cardExecutionPorts(ports)));

export function handleGmailMessage(e: unknown, base: Ports): Card[] {
  const event = asEvent(e);
  const ports = cardExecutionPorts(base);
  try {
    for (const provider of MESSAGE_CARDS) {
      const cards = provider(event, ports);
      if (cards) return cards;
    }
    return [otherMessageCard()];
  } catch (error) {
    return [errorCardFor(error)];
  }
}

const UNIVERSAL_VIEWS: Record<string, (event: CardEvent, ports: Ports) => Card> = {
  home: (_event, ports) => homeCard(homeView(ports)),
  settings: (event, ports) => settingsCard(loadSettings(ports, userTimeZone(event))),
  help: (_event, ports) => helpCard(loadHelp(ports)),
};

export function handleUniversal(view: string, e: unknown, ports: Ports) {
  const event = asEvent(e);
  const card = safely(() => {
    const build = UNIVERSAL_VIEWS[view];
    if (!build) throw new Error(`No universal action called ${view}`);
    return build(event, cardExecutionPorts(ports));
  });
  return CardService.newUniversalActionResponseBuilder().displayAddOnCards([card]).build();
}

export const handleCardAction = (e: unknown, ports: Ports) =>
  dispatchCardAction(asEvent(e), cardExecutionPorts(ports));
