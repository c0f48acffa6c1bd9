// The colleague's side: open an invitation (every check before anything is shown), authorize or
// decline it, review and re-approve changed content, revoke one grant or all, and the grants as
// the home card lists them. Everything the colleague approves is kept in their own store.
import {
  approvedCampaign,
  checkApproval,
  checkInvitedAddress,
  parseToken,
  recordFingerprint,
  recordHold,
  tamperedRecord,
  type CampaignRecord,
  type Grant,
  type SenderRow,
} from '../../core/delegation/grants';
import { BatonError } from '../../core/errors';
import { emptyProgress } from '../../core/store';
import type { Ports } from '../../ports';
import { StoreSession } from '../store';
import { ensureHourlyTick } from '../triggers';
import type { ApprovalView, ConnectedView, GrantView } from '../views';
import {
  iso,
  loadGrants,
  readSenders,
  recipientCount,
  referenceOf,
  saveGrants,
  verifiedRecord,
  writeSenderCells,
} from './records';

interface Opened {
  record: CampaignRecord;
  row: SenderRow;
  reference: string;
  secret: string;
}

function me(ports: Ports): string {
  return ports.identity.email().toLowerCase();
}

/** Checks an invitation token end to end; throws the error the card shows. */
function openInvitation(ports: Ports, tokenText: string): Opened {
  const token = parseToken(tokenText);
  // Aliases matter only to explain a mismatch; reading them costs a Gmail call.
  const aliases = token.invited === me(ports) ? [] : ports.mailbox.sendAsAddresses();
  // The address first: a wrong account hears whom the invitation is for, and reads nothing more.
  checkInvitedAddress(token, me(ports), aliases);
  const reference = referenceOf(ports, token.secret);
  let rows: SenderRow[];
  try {
    rows = readSenders(ports, token.spreadsheetId);
  } catch {
    throw new BatonError(
      'NO_SPREADSHEET_ACCESS',
      'Baton cannot open the campaign’s spreadsheet from your account: ask the person who invited you to share it with you again.',
    );
  }
  const row = rows.find((r) => r.reference === reference);
  const record = verifiedRecord(ports, token.secret, row);
  checkApproval({
    me: me(ports),
    aliases,
    row,
    record,
    grants: loadGrants(ports.store),
    reference,
    token,
  });
  return {
    record: record as CampaignRecord,
    row: row as SenderRow,
    reference,
    secret: token.secret,
  };
}

function viewOf(
  ports: Ports,
  record: CampaignRecord,
  kind: ApprovalView['kind'],
  handle: string,
): ApprovalView {
  // Counted by the owner's outbox when it published; read live only for an older record.
  const recipients = record.recipients ?? recipientCount(ports, record) ?? 0;
  return {
    handle,
    kind,
    ownerEmail: record.owner,
    campaignName: record.campaignName,
    fromName: record.sender.name,
    fromEmail: record.sender.email,
    steps: record.steps.map((s) => ({
      subject: s.subject,
      text: s.text,
      html: s.html,
      delayDays: s.delayDays,
    })),
    recipients,
    dailyCap: Math.min(record.dailyCap, record.settings.dailyCap),
    endAt: record.endAt,
    timeZone: record.settings.timeZone,
    fingerprint: recordFingerprint(record),
  };
}

export function showInvitation(ports: Ports, tokenText: string): ApprovalView {
  return viewOf(ports, openInvitation(ports, tokenText).record, 'invitation', tokenText);
}

function contentChanged(): BatonError {
  return new BatonError(
    'CONTENT_CHANGED',
    'The owner changed the messages while you were reading them: open the mail again to read the new version.',
  );
}

/** Keeps the approved campaign in the colleague's own store, and its progress if it had some. */
function keepApprovedCopy(ports: Ports, record: CampaignRecord): void {
  const session = new StoreSession(ports.store);
  const now = ports.clock.now();
  const before = session.data.campaigns.get(record.campaignId);
  const copy = approvedCampaign(record, me(ports), now);
  if (before) copy.launchedAt = before.launchedAt;
  session.data.campaigns.set(copy.id, copy);
  if (!session.data.progress.has(copy.id)) session.data.progress.set(copy.id, emptyProgress());
  session.save();
}

export function authorizeInvitation(
  ports: Ports,
  tokenText: string,
  shownFingerprint: string,
): ConnectedView {
  const opened = openInvitation(ports, tokenText);
  const { record, row, reference, secret } = opened;
  const fingerprint = recordFingerprint(record);
  if (fingerprint !== shownFingerprint) throw contentChanged();
  const now = ports.clock.now();
  // The copy first, the grant second: a copy without a grant sends nothing.
  keepApprovedCopy(ports, record);
  const grants = loadGrants(ports.store).map((g) =>
    g.campaignId === record.campaignId ? { ...g, state: 'revoked' as const } : g,
  );
  const grant: Grant = {
    campaignId: record.campaignId,
    campaignName: record.campaignName,
    spreadsheetId: record.spreadsheetId,
    owner: record.owner,
    reference,
    secret,
    fingerprint,
    dailyCap: Math.min(record.dailyCap, record.settings.dailyCap),
    endAt: record.endAt,
    approvedAt: now,
    seenVersion: record.version,
    state: 'active',
  };
  saveGrants(ports.store, [grant, ...grants]);
  ensureHourlyTick(ports);
  markRow(ports, record.spreadsheetId, row, 'Active', fingerprint);
  return { ownerEmail: record.owner, campaignName: record.campaignName, fromEmail: me(ports) };
}

/** One write of the row's Status and Updated cells (and Last run..Approved when approving). */
function markRow(
  ports: Ports,
  spreadsheetId: string,
  row: SenderRow,
  status: string,
  approved?: string,
): void {
  const now = iso(ports.clock.now());
  const cells =
    approved === undefined ? [status, now] : [status, now, row.lastRun, row.reference, approved];
  writeSenderCells(ports, spreadsheetId, row.row, 'Status', cells);
}

/** Says no: the row shows Declined and this token can never be used again. */
export function declineInvitation(ports: Ports, tokenText: string): void {
  const { record, row, reference } = openInvitation(ports, tokenText);
  const grants = loadGrants(ports.store);
  grants.push({
    campaignId: record.campaignId,
    campaignName: record.campaignName,
    spreadsheetId: record.spreadsheetId,
    owner: record.owner,
    reference,
    secret: '',
    fingerprint: '',
    dailyCap: 0,
    endAt: 0,
    approvedAt: ports.clock.now(),
    seenVersion: record.version,
    state: 'revoked',
  });
  saveGrants(ports.store, grants);
  markRow(ports, record.spreadsheetId, row, 'Declined');
}

function liveGrant(ports: Ports, campaignId: string): Grant {
  const grant = loadGrants(ports.store).find(
    (g) => g.campaignId === campaignId && g.state !== 'revoked',
  );
  if (!grant)
    throw new BatonError('NO_GRANT', 'You no longer send for this campaign: nothing to do.');
  return grant;
}

/** The current, signed content of a granted campaign, as the review card shows it. */
function currentRecord(ports: Ports, grant: Grant): { record: CampaignRecord; row: SenderRow } {
  const row = readSenders(ports, grant.spreadsheetId).find((r) => r.reference === grant.reference);
  const record = verifiedRecord(ports, grant.secret, row);
  if (!row || !record || record.version < grant.seenVersion) throw tamperedRecord();
  if (record.sender.email.toLowerCase() !== me(ports) || record.invited !== me(ports))
    throw new BatonError(
      'SENDER_MOVED',
      `${record.owner} now sends this campaign from another mailbox: there is nothing to approve.`,
    );
  return { record, row };
}

export function reviewChanges(ports: Ports, campaignId: string): ApprovalView {
  const grant = liveGrant(ports, campaignId);
  return viewOf(ports, currentRecord(ports, grant).record, 'review', campaignId);
}

export function approveChanges(
  ports: Ports,
  campaignId: string,
  shownFingerprint: string,
): ConnectedView {
  const grant = liveGrant(ports, campaignId);
  const { record, row } = currentRecord(ports, grant);
  const fingerprint = recordFingerprint(record);
  if (fingerprint !== shownFingerprint) throw contentChanged();
  keepApprovedCopy(ports, record);
  const grants = loadGrants(ports.store).map((g) =>
    g.reference === grant.reference
      ? {
          ...g,
          fingerprint,
          seenVersion: record.version,
          approvedAt: ports.clock.now(),
          state: 'active' as const,
        }
      : g,
  );
  saveGrants(ports.store, grants);
  markRow(ports, record.spreadsheetId, row, 'Active', fingerprint);
  return { ownerEmail: record.owner, campaignName: record.campaignName, fromEmail: me(ports) };
}

/**
 * Takes an approval back. The grant goes first (the tick checks it before every send), then the
 * approved copy, then the owner's Senders row; a row that cannot be written is reported, not fatal.
 */
export function revokeGrants(
  ports: Ports,
  campaignIds?: string[],
): { revoked: number; unreported: string[] } {
  const all = loadGrants(ports.store);
  const chosen = all.filter(
    (g) => g.state !== 'revoked' && (!campaignIds || campaignIds.includes(g.campaignId)),
  );
  if (chosen.length === 0)
    throw new BatonError(
      'NO_GRANT',
      'You do not send for this campaign any more: nothing to revoke.',
    );
  saveGrants(
    ports.store,
    all.map((g) => (chosen.includes(g) ? { ...g, state: 'revoked' as const } : g)),
  );
  const session = new StoreSession(ports.store);
  for (const g of chosen) {
    session.data.campaigns.delete(g.campaignId);
    session.data.progress.delete(g.campaignId);
  }
  session.save();
  const unreported: string[] = [];
  for (const g of chosen) {
    try {
      const row = readSenders(ports, g.spreadsheetId).find((r) => r.reference === g.reference);
      if (row) markRow(ports, g.spreadsheetId, row, 'Revoked');
    } catch {
      unreported.push(g.campaignName);
    }
  }
  return { revoked: chosen.length, unreported };
}

/** The grants for the home card, each checked against what the owner publishes now. */
export function grantViews(ports: Ports): GrantView[] {
  const grants = loadGrants(ports.store).filter((g) => g.state !== 'revoked');
  const rowsBySheet = new Map<string, SenderRow[]>();
  return grants.map((g) => {
    let state: GrantView['state'] = g.state === 'needs_reapproval' ? 'needs_reapproval' : 'active';
    try {
      if (!rowsBySheet.has(g.spreadsheetId))
        rowsBySheet.set(g.spreadsheetId, readSenders(ports, g.spreadsheetId));
      const row = rowsBySheet.get(g.spreadsheetId)?.find((r) => r.reference === g.reference);
      const record = verifiedRecord(ports, g.secret, row);
      if (record && recordFingerprint(record) !== g.fingerprint) state = 'needs_reapproval';
      else if (record && !recordHold(record, g, me(ports))) state = 'active';
    } catch {
      // The spreadsheet is out of reach: keep what the last tick knew.
    }
    return { campaignId: g.campaignId, campaignName: g.campaignName, ownerEmail: g.owner, state };
  });
}
