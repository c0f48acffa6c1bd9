// The Gmail home card: can my mailbox send, my campaigns with their figures (those that need me
// first), the grants I hold for colleagues, and how to start when there is nothing yet.
import type { CampaignSummaryView, GrantView, HomeView } from '../../app/views';
import {
  actionButton,
  buttonRow,
  card,
  esc,
  HOME_ACTION,
  labelled,
  linkButton,
  noticeSection,
  paragraph,
  progressBar,
  section,
} from '../kit';

type Widget = GoogleAppsScript.Card_Service.Widget;

export const HOME_CARD_NAME = 'home';

const STATE_WORDS: Record<CampaignSummaryView['state'], string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  ended: 'Ended',
};

export function homeCard(view: HomeView): GoogleAppsScript.Card_Service.Card {
  return card({ name: HOME_CARD_NAME, title: 'Baton', subtitle: view.mailbox.email }, [
    ...noticeSection(view.notices),
    mailboxSection(view.mailbox),
    campaignsSection(view.campaigns),
    ...(view.grants.length ? [grantsSection(view.grants)] : []),
    section(undefined, [
      buttonRow(
        actionButton('Refresh', HOME_ACTION, {}, 'borderless'),
        actionButton('Settings', 'settings.open', {}, 'borderless'),
        actionButton('Help', 'help.open', {}, 'borderless'),
      ),
    ]),
  ]);
}

function mailboxSection(mailbox: HomeView['mailbox']) {
  const sending = mailbox.triggerInstalled
    ? labelled('Sending from your mailbox', 'On: Baton sends every hour')
    : labelled('Sending from your mailbox', 'Off').setButton(
        actionButton('Turn on', 'home.enableSending', {}, 'filled'),
      );
  return section('Your mailbox', [
    sending,
    labelled('Left today', `${mailbox.quotaLeftToday} recipients`),
    labelled('Baton storage', `${mailbox.storeUsedPercent}% used`),
  ]);
}

function campaignsSection(campaigns: CampaignSummaryView[]) {
  if (campaigns.length === 0)
    return section('Your campaigns', [
      paragraph(
        'No campaigns yet. To start one, open a Google Sheet of candidates (a header row with an ' +
          '<b>Email</b> column), open Baton in the sheet’s side panel and choose <b>New campaign ' +
          'from this tab</b>.',
      ),
    ]);
  return section('Your campaigns', campaigns.map(campaignWidget), { visible: 5 });
}

/** One campaign: state (or why it is blocked), name, a progress bar and its figures. */
function campaignWidget(c: CampaignSummaryView): Widget {
  const state = c.blockedReason
    ? `<font color="#d93025">Blocked: ${esc(c.blockedReason)}</font>`
    : STATE_WORDS[c.state];
  const figures = [
    `sent ${c.sent}`,
    `replied ${c.replied}`,
    `interested ${c.interested === null ? '—' : c.interested}`,
  ].join(' · ');
  const text = CardService.newDecoratedText()
    .setTopLabel(state)
    .setText(`<b>${esc(c.name)}</b><br>${progressBar(c.finished, c.candidates)} of ${c.candidates}`)
    .setBottomLabel(figures)
    .setWrapText(true);
  return c.spreadsheetUrl ? text.setButton(linkButton('Sheet', c.spreadsheetUrl)) : text;
}

const GRANT_WORDS: Record<GrantView['state'], string> = {
  active: 'Active',
  needs_reapproval: '<font color="#d93025">Needs your re-approval</font>',
};

function grantsSection(grants: GrantView[]) {
  const widgets: Widget[] = [];
  for (const g of grants) {
    const params = { campaignId: g.campaignId, owner: g.ownerEmail };
    widgets.push(
      CardService.newDecoratedText()
        .setTopLabel(GRANT_WORDS[g.state])
        .setText(`<b>${esc(g.campaignName)}</b>`)
        .setBottomLabel(`For ${esc(g.ownerEmail)}`)
        .setWrapText(true),
      buttonRow(
        ...(g.state === 'needs_reapproval'
          ? [actionButton('Review changes', 'delegation.review', params, 'filled')]
          : []),
        actionButton('Revoke', 'delegation.revoke', params),
      ),
    );
  }
  if (grants.length > 1)
    widgets.push(buttonRow(actionButton('Revoke all', 'delegation.revokeAll', {}, 'borderless')));
  return section('Sending for colleagues', widgets);
}
