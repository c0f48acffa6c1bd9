// The owner invites a colleague to send a campaign from their mailbox: checks the address (not
// mine, not one of my aliases), makes them the campaign's sender, shares the spreadsheet, opens a
// Senders row with a signed record, and mails the invitation with its single-use token.
import { MAX_DAILY_CAP } from '../../core/campaign';
import { formatToken, INVITATION_HEADER, recordOf, secretFrom } from '../../core/delegation/grants';
import { BatonError } from '../../core/errors';
import { invalidEmailReason, normaliseEmail } from '../../core/roster';
import type { Ports } from '../../ports';
import { chooseSender, getCampaign } from '../campaigns';
import { scheduleOutbox } from './queue';
import {
  appendSender,
  delegationOf,
  iso,
  loadInvites,
  mailColleague,
  readSenders,
  recipientCount,
  referenceOf,
  saveInvites,
  signRecord,
  writeSenderCells,
  type Invite,
} from './records';

export interface InviteInput {
  campaignId: string;
  name: string;
  email: string;
  /** A daily cap stricter than the campaign's, if the owner wants one. */
  dailyCap?: number;
  /** No sending from the colleague's mailbox after this instant (ms). */
  endAt?: number;
}

export interface InviteResult {
  email: string;
  campaignName: string;
}

function checkInput(ports: Ports, input: InviteInput): { email: string; name: string } {
  const email = normaliseEmail(input.email);
  const invalid = invalidEmailReason(email);
  if (invalid) throw new BatonError('BAD_EMAIL', invalid, 'inviteEmail');
  const name = input.name.trim();
  if (!name)
    throw new BatonError(
      'NO_NAME',
      'Give the colleague’s name, as the mail greets them.',
      'inviteName',
    );
  const me = normaliseEmail(ports.identity.email());
  if (email === me)
    throw new BatonError(
      'SELF_INVITE',
      'That is your own address: choose your mailbox as the sender instead of inviting yourself.',
      'inviteEmail',
    );
  if (ports.mailbox.sendAsAddresses().map(normaliseEmail).includes(email))
    throw new BatonError(
      'ALIAS_AS_MAILBOX',
      `${email} is a send-as alias of your own mailbox. An alias cannot authorize Baton as a mailbox: choose it as the campaign’s sender directly.`,
      'inviteEmail',
    );
  const cap = input.dailyCap;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1 || cap > MAX_DAILY_CAP))
    throw new BatonError(
      'BAD_DAILY_CAP',
      `The daily cap must be a whole number from 1 to ${MAX_DAILY_CAP}.`,
      'inviteDailyCap',
    );
  if (input.endAt !== undefined && input.endAt <= ports.clock.now())
    throw new BatonError('BAD_END_DATE', 'The end date must be in the future.', 'inviteEndDate');
  return { email, name };
}

/**
 * The card action: checks, makes the colleague the sender, keeps the invitation (with its secret)
 * in the owner's store and queues the rest for the outbox, so the action stays fast.
 */
export function inviteColleague(ports: Ports, input: InviteInput): InviteResult {
  const { email, name } = checkInput(ports, input);
  delegationOf(ports);
  const campaign = chooseSender(ports, input.campaignId, { email, name }, true);
  if (campaign.state === 'ended')
    throw new BatonError('ENDED', 'This campaign has ended: there is nothing to send.');
  const secret = secretFrom([ports.ids.newId(), ports.ids.newId()]);
  const invites = loadInvites(ports.store);
  invites.push({
    campaignId: campaign.id,
    spreadsheetId: campaign.spreadsheetId,
    email,
    name,
    secret,
    reference: referenceOf(ports, secret),
    dailyCap: input.dailyCap,
    endAt: input.endAt,
    version: ports.clock.now(),
    notifiedFor: '',
    pending: true,
  });
  saveInvites(ports.store, invites);
  scheduleOutbox(ports);
  return { email, campaignName: campaign.name };
}

/**
 * The outbox's part: share the spreadsheet, retire an unused earlier invitation, open the Senders
 * row with the signed record, and mail the invitation with its token from the owner's mailbox.
 */
export function deliverInvitation(ports: Ports, pending: Invite): void {
  const campaign = getCampaign(ports, pending.campaignId);
  const { email, name, secret } = pending;
  delegationOf(ports).sharing.addEditor(campaign.spreadsheetId, email);
  const invites = loadInvites(ports.store);
  withdrawEarlier(ports, invites, campaign.spreadsheetId, campaign.id, email, pending.reference);
  const invite = invites.find((i) => i.reference === pending.reference);
  if (!invite) return;
  invite.version = Math.max(invite.version, ports.clock.now());
  const signed = signRecord(
    ports,
    secret,
    recordOf(campaign, email, invite, invite.version, recipientCount(ports, campaign)),
  );
  appendSender(ports, campaign.spreadsheetId, {
    name,
    email,
    campaignName: campaign.name,
    campaignId: campaign.id,
    status: 'Invited',
    updated: iso(ports.clock.now()),
    lastRun: '',
    reference: invite.reference,
    approved: '',
    ...signed,
  });
  delete invite.pending;
  saveInvites(ports.store, invites);
  const token = formatToken({
    spreadsheetId: campaign.spreadsheetId,
    campaignId: campaign.id,
    invited: email,
    secret,
  });
  sendInvitation(ports, { email, name }, campaign.name, token);
}

/** A new invitation to the same colleague for the same campaign retires the unused one. */
function withdrawEarlier(
  ports: Ports,
  invites: Invite[],
  spreadsheetId: string,
  campaignId: string,
  email: string,
  keep: string,
): void {
  const earlier = invites.filter(
    (i) => i.campaignId === campaignId && i.email === email && i.reference !== keep,
  );
  if (earlier.length === 0) return;
  const rows = readSenders(ports, spreadsheetId);
  for (const invite of earlier) {
    const row = rows.find((r) => r.reference === invite.reference);
    if (row && row.status === 'Invited')
      writeSenderCells(ports, spreadsheetId, row.row, 'Status', [
        'Revoked',
        iso(ports.clock.now()),
      ]);
    invites.splice(invites.indexOf(invite), 1);
  }
}

function sendInvitation(
  ports: Ports,
  colleague: { email: string; name: string },
  campaignName: string,
  token: string,
): void {
  mailColleague(
    ports,
    colleague,
    `Can "${campaignName}" be sent from your mailbox? (Baton)`,
    [
      `I am running a recruiting campaign, "${campaignName}", with Baton, and I would like it to go out from your mailbox: candidates answer a hiring manager more often than a recruiter.`,
      '',
      'What to do (about a minute):',
      '1. Install Baton for Gmail, if you do not have it yet (your Workspace admin can add it).',
      '2. Open this mail in Gmail and open Baton in the side panel on the right.',
      '3. Read the messages it will send in your name, then press Authorize.',
      '',
      'You need no other account and nothing else to set up. Nothing is sent from your mailbox before you authorize, only the messages you read are sent, and you can revoke at any time from Baton’s home card.',
      'I shared the campaign’s spreadsheet with you: your mailbox reads the candidate list from it.',
    ],
    { [INVITATION_HEADER]: token },
  );
}
