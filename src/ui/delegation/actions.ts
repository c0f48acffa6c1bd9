// The delegation card actions (invite, authorize, decline, review, approve changes, revoke one or
// all, the owner's Senders list) and the card for an open invitation or review mail.
import {
  approveChanges,
  authorizeInvitation,
  declineInvitation,
  reviewChanges,
  revokeGrants,
  showInvitation,
} from '../../app/delegation/approve';
import { inviteColleague } from '../../app/delegation/invite';
import { senderStatuses } from '../../app/delegation/senders';
import { getCampaign } from '../../app/campaigns';
import { colleagueMailOf, INVITATION_HEADER } from '../../core/delegation/grants';
import { zonedToUtc } from '../../core/schedule';
import type { Ports } from '../../ports';
import { homeCard } from '../home/card';
import { homeView } from '../home/actions';
import {
  backToRoot,
  integerFormValue,
  optionalDateFormValue,
  optionalFormValue,
  pushCard,
  requiredFormValue,
  requiredParameter,
  updateCard,
  userTimeZone,
  type ActionMap,
  type CardEvent,
} from '../kit';
import { approvalCard, connectedCard, inviteCard, sendersCard } from './cards';

/** The end date typed, as the end of that day in the user's zone. */
function endDateOf(event: CardEvent): number | undefined {
  const end = optionalDateFormValue(event, 'inviteEndDate', 'End date');
  return end && zonedToUtc(end.year, end.month, end.day, 24 * 60, userTimeZone(event));
}

/** Back to the card that opened the form (the campaign editor), with a notification. */
function popWith(text: string) {
  return CardService.newActionResponseBuilder()
    .setNavigation(CardService.newNavigation().popCard())
    .setNotification(CardService.newNotification().setText(text))
    .build();
}

function sendersOf(ports: Ports, campaignId: string) {
  const campaign = getCampaign(ports, campaignId);
  return sendersCard(campaignId, campaign.name, senderStatuses(ports, campaignId));
}

export const delegationActions: ActionMap = {
  'delegation.openInvite': (event, ports) => {
    const campaignId = requiredParameter(event, 'campaignId');
    return pushCard(inviteCard(campaignId, getCampaign(ports, campaignId).name));
  },
  'delegation.invite': (event, ports) => {
    const campaignId = requiredParameter(event, 'campaignId');
    const cap = optionalFormValue(event, 'inviteDailyCap');
    const result = inviteColleague(ports, {
      campaignId,
      name: requiredFormValue(event, 'inviteName', 'Their name'),
      email: requiredFormValue(event, 'inviteEmail', 'Their email'),
      dailyCap:
        cap === undefined
          ? undefined
          : integerFormValue(event, 'inviteDailyCap', 'Daily cap', { min: 1, max: 2000 }),
      endAt: endDateOf(event),
    });
    return popWith(
      `Invitation to ${result.email} is on its way: they read and authorize it in Gmail.`,
    );
  },
  'delegation.senders': (event, ports) =>
    pushCard(sendersOf(ports, requiredParameter(event, 'campaignId'))),
  'delegation.authorize': (event, ports) =>
    updateCard(
      connectedCard(
        authorizeInvitation(
          ports,
          requiredParameter(event, 'token'),
          requiredParameter(event, 'fingerprint'),
        ),
      ),
    ),
  'delegation.decline': (event, ports) => {
    declineInvitation(ports, requiredParameter(event, 'token'));
    return backToRoot(
      homeCard(homeView(ports)),
      'Declined: nothing will be sent from your mailbox.',
    );
  },
  'delegation.review': (event, ports) =>
    pushCard(approvalCard(reviewChanges(ports, requiredParameter(event, 'campaignId')))),
  'delegation.approveChanges': (event, ports) =>
    updateCard(
      connectedCard(
        approveChanges(
          ports,
          requiredParameter(event, 'campaignId'),
          requiredParameter(event, 'fingerprint'),
        ),
      ),
    ),
  'delegation.revoke': (event, ports) => revoked(ports, [requiredParameter(event, 'campaignId')]),
  'delegation.revokeAll': (_event, ports) => revoked(ports, undefined),
};

function revoked(ports: Ports, campaignIds: string[] | undefined) {
  const result = revokeGrants(ports, campaignIds);
  const note =
    result.unreported.length > 0
      ? ` (the owner's sheet could not be updated for ${result.unreported.join(', ')}, but nothing more is sent)`
      : '';
  const what = result.revoked === 1 ? 'Revoked' : `Revoked ${result.revoked} campaigns`;
  return backToRoot(
    homeCard(homeView(ports)),
    `${what}: nothing more is sent from your mailbox${note}.`,
  );
}

/**
 * The card for an open invitation or review mail, or undefined for any other message. Reads one
 * header through the contextual access token; never the body.
 */
export function invitationCardFor(
  event: CardEvent,
  ports: Ports,
): GoogleAppsScript.Card_Service.Card[] | undefined {
  const { messageId, accessToken } = event.gmail ?? {};
  if (!messageId || !accessToken || !ports.delegation) return undefined;
  const headers = ports.delegation.openMessage.headers(messageId, accessToken, [INVITATION_HEADER]);
  const mail = colleagueMailOf(headers[INVITATION_HEADER]);
  if (!mail) return undefined;
  return [
    approvalCard(
      mail.kind === 'invitation'
        ? showInvitation(ports, mail.token)
        : reviewChanges(ports, mail.campaignId),
    ),
  ];
}
