// The campaign's figures card: sent, delivered, bounced, replied, interested, not interested,
// opted out, auto-replied, reply and interest rates — for the campaign, each step, each sender.
import type { CampaignFiguresView, FiguresRowView } from '../../app/views';
import { card, labelled, linkButton, noticeSection, section, buttonRow } from '../kit';

export const FIGURES_CARD_NAME = 'campaignFigures';
export const FIGURES_ACTION = 'replies.figures';

function lines(row: FiguresRowView) {
  return [
    labelled(
      'Replied',
      `${row.replied} (${row.replyRate} of delivered)`,
      `Interested ${row.interested} (${row.interestRate} of replies) · Not interested ${row.notInterested} · Opted out ${row.optedOut}`,
    ),
    labelled(
      'Sent',
      `${row.sent} sent, ${row.delivered} delivered`,
      `Bounced ${row.bounced} · Auto-replies ${row.autoReplied}`,
    ),
  ];
}

export function campaignFiguresCard(view: CampaignFiguresView): GoogleAppsScript.Card_Service.Card {
  return card(
    { name: FIGURES_CARD_NAME, title: 'Replies and figures', subtitle: view.campaignName },
    [
      ...noticeSection(view.notices),
      section(view.total.label, lines(view.total)),
      ...view.bySteps.map((row) => section(row.label, lines(row))),
      ...(view.bySenders.length > 1
        ? view.bySenders.map((row) => section(`Sent from ${row.label}`, lines(row)))
        : []),
      section(undefined, [
        buttonRow(linkButton('Open the Replies and Dashboard tabs', view.spreadsheetUrl)),
      ]),
    ],
  );
}
