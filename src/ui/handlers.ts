// Entry points of every card: homepage, contextual, universal actions and the one card-action
// dispatcher. (Foundation version: a home card that says who is signed in; the card issue
// replaces it with the full set of views.)
import type { Ports } from '../ports';

function signedInCard(title: string, ports: Ports): GoogleAppsScript.Card_Service.Card {
  return CardService.newCardBuilder()
    .setHeader(CardService.newCardHeader().setTitle('Baton').setSubtitle(title))
    .addSection(
      CardService.newCardSection().addWidget(
        CardService.newDecoratedText()
          .setTopLabel('Signed in as')
          .setText(ports.identity.email() || 'unknown'),
      ),
    )
    .build();
}

export const handleHomepage = (_e: unknown, ports: Ports) =>
  signedInCard('Campaigns from your mailbox', ports);
export const handleSheetsHomepage = (_e: unknown, ports: Ports) =>
  signedInCard('Campaigns in this spreadsheet', ports);
export const handleGmailMessage = (_e: unknown, ports: Ports) => [
  signedInCard('This message', ports),
];
export const handleUniversal = (view: string, _e: unknown, ports: Ports) =>
  CardService.newUniversalActionResponseBuilder()
    .displayAddOnCards([signedInCard(view, ports)])
    .build();
export const handleCardAction = (_e: unknown, _ports: Ports) =>
  CardService.newActionResponseBuilder()
    .setNotification(CardService.newNotification().setText('Nothing to do yet.'))
    .build();
