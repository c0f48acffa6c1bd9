// The delegation cards: the owner's invite form and Senders list; the colleague's authorize card
// on the invitation (every step exactly as it will be sent, the recipients and limits), the
// review card after the owner changed the content, and "Connected — nothing else to do".
import type { ApprovalView, ConnectedView, SenderStatusView } from '../../app/views';
import { htmlToText } from '../../core/mime/html';
import { formatLocal } from '../../core/schedule';
import {
  actionButton,
  buttonRow,
  card,
  esc,
  HOME_ACTION,
  labelled,
  paragraph,
  section,
  textInput,
} from '../kit';

type Card = GoogleAppsScript.Card_Service.Card;
type Widget = GoogleAppsScript.Card_Service.Widget;

export const INVITE_CARD_NAME = 'delegation.invite';
export const APPROVAL_CARD_NAME = 'delegation.approval';
export const CONNECTED_CARD_NAME = 'delegation.connected';
export const SENDERS_CARD_NAME = 'delegation.senders';

/** The owner's form: who to invite, and the limits their mailbox will keep to. */
export function inviteCard(campaignId: string, campaignName: string): Card {
  return card(
    { name: INVITE_CARD_NAME, title: 'Send as a colleague', subtitle: campaignName },
    [
      section(undefined, [
        paragraph(
          'Baton shares this spreadsheet with your colleague and mails them an invitation from ' +
            'your mailbox. They read every message in Gmail and press <b>Authorize</b>; then ' +
            'their own mailbox sends the sequence. They need no other account.',
        ),
        textInput('inviteName', 'Their name', undefined, {
          hint: 'As the invitation greets them, e.g. Sam',
        }),
        textInput('inviteEmail', 'Their email', undefined, {
          hint: 'Their own mailbox, not an alias',
        }),
        textInput('inviteDailyCap', 'Daily cap (optional)', undefined, {
          hint: 'At most this many messages a day from their mailbox',
        }),
        textInput('inviteEndDate', 'End date (optional)', undefined, {
          hint: 'YYYY-MM-DD: nothing is sent from their mailbox after it',
        }),
      ]),
    ],
    actionButton('Send invitation', 'delegation.invite', { campaignId }, 'filled'),
  );
}

function bodyText(step: ApprovalView['steps'][number]): string {
  return step.text.trim() !== '' ? step.text : htmlToText(step.html);
}

/** Card text keeps the line breaks of a body; everything from the campaign is escaped. */
function multiline(text: string): string {
  return esc(text).replace(/\r?\n/g, '<br>');
}

function stepWidgets(view: ApprovalView): GoogleAppsScript.Card_Service.CardSection[] {
  return view.steps.map((step, i) => {
    const when =
      i === 0 ? 'First message' : `${step.delayDays} days after step ${i}, in the same thread`;
    const subject = step.subject.trim() || '(replies in the same thread, no new subject)';
    return section(`Step ${i + 1} of ${view.steps.length}`, [
      labelled('When', when),
      labelled('Subject', subject),
      paragraph(multiline(bodyText(step))),
    ]);
  });
}

function limitsText(view: ApprovalView): string {
  const end = view.endAt
    ? `until ${formatLocal(view.endAt, view.timeZone)} (${view.timeZone})`
    : 'no end date';
  return `at most ${view.dailyCap} a day, ${end}`;
}

/** Everything the colleague approves, and the two buttons. */
export function approvalCard(view: ApprovalView): Card {
  const invitation = view.kind === 'invitation';
  const title = invitation ? 'Send from your mailbox?' : 'Review the changes';
  const intro = invitation
    ? `<b>${esc(view.ownerEmail)}</b> asks Baton to send the campaign <b>${esc(view.campaignName)}</b> from your mailbox. These are the messages, exactly as they will go out in your name; {{…}} is filled from each candidate’s row.`
    : `<b>${esc(view.ownerEmail)}</b> changed the messages of <b>${esc(view.campaignName)}</b>. Nothing new is sent from your mailbox until you approve this version.`;
  const params: Record<string, string> = invitation
    ? { token: view.handle, fingerprint: view.fingerprint }
    : { campaignId: view.handle, fingerprint: view.fingerprint };
  const buttons = invitation
    ? buttonRow(actionButton('Decline', 'delegation.decline', { token: view.handle }))
    : buttonRow(actionButton('Revoke', 'delegation.revoke', { campaignId: view.handle }));
  return card(
    { name: APPROVAL_CARD_NAME, title, subtitle: view.campaignName },
    [
      section(undefined, [
        paragraph(intro),
        labelled('From', view.fromName ? `${view.fromName} <${view.fromEmail}>` : view.fromEmail),
        labelled('Recipients', `${view.recipients} candidates in the campaign’s sheet`),
        labelled('Limits', limitsText(view)),
      ]),
      ...stepWidgets(view),
      section(undefined, [
        paragraph(
          'You can revoke at any time from Baton’s home card; nothing else is read or sent.',
        ),
        buttons,
      ]),
    ],
    actionButton(
      invitation ? 'Authorize' : 'Approve changes',
      invitation ? 'delegation.authorize' : 'delegation.approveChanges',
      params,
      'filled',
    ),
  );
}

export function connectedCard(view: ConnectedView): Card {
  return card({ name: CONNECTED_CARD_NAME, title: 'Connected — there is nothing else to do' }, [
    section(undefined, [
      paragraph(
        `Baton sends <b>${esc(view.campaignName)}</b> for <b>${esc(view.ownerEmail)}</b> from ` +
          `${esc(view.fromEmail)}, every hour, by itself. Replies arrive in your mailbox as usual.`,
      ),
      paragraph('To stop at any time, open Baton’s home card and press <b>Revoke</b>.'),
      buttonRow(actionButton('Open Baton home', HOME_ACTION, {}, 'outlined')),
    ]),
  ]);
}

const STATUS_COLORS: Partial<Record<SenderStatusView['status'], string>> = {
  'Needs re-approval': '#b06000',
  'Needs reconnect': '#d93025',
  Revoked: '#d93025',
  Declined: '#d93025',
};

/** The owner's list of colleagues for one campaign, with what to do about each. */
export function sendersCard(
  campaignId: string,
  campaignName: string,
  senders: SenderStatusView[],
): Card {
  const widgets: Widget[] = senders.map((s) => {
    const color = STATUS_COLORS[s.status];
    const status = color ? `<font color="${color}">${esc(s.status)}</font>` : esc(s.status);
    const text = CardService.newDecoratedText()
      .setTopLabel(status)
      .setText(`<b>${esc(s.name)}</b> ${esc(s.email)}`)
      .setWrapText(true);
    return s.advice ? text.setBottomLabel(s.advice) : text;
  });
  if (widgets.length === 0)
    widgets.push(paragraph('No colleague is invited for this campaign yet.'));
  return card({ name: SENDERS_CARD_NAME, title: 'Senders', subtitle: campaignName }, [
    section(undefined, widgets),
    section(undefined, [
      buttonRow(actionButton('Invite a colleague…', 'delegation.openInvite', { campaignId })),
    ]),
  ]);
}
