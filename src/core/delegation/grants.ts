// The delegation model, pure: the invitation token, the record of a campaign an owner signs for a
// colleague, the grant a colleague keeps after approving it, and the rules that decide whether a
// colleague's mailbox may send. docs/delegation.md explains who keeps which record and why.
import { contentFingerprint, type Campaign } from '../campaign';
import { BatonError } from '../errors';
import { parseJsonList } from '../json-list';

/**
 * Baton's mails to a colleague carry one header, so the card on an open message reads one header,
 * never the body: the invitation token, or `review:<campaign id>` on a mail asking for review.
 */
export const INVITATION_HEADER = 'X-Baton-Invitation';
const REVIEW_PREFIX = 'review:';

export type ColleagueMail =
  { kind: 'invitation'; token: string } | { kind: 'review'; campaignId: string };

export function reviewHeaderValue(campaignId: string): string {
  return REVIEW_PREFIX + campaignId;
}

/** What the header of an open message asks for; undefined when it is not Baton's. */
export function colleagueMailOf(headerValue: string | undefined): ColleagueMail | undefined {
  const value = (headerValue ?? '').trim();
  if (!value) return undefined;
  if (value.startsWith(REVIEW_PREFIX))
    return { kind: 'review', campaignId: value.slice(REVIEW_PREFIX.length) };
  return { kind: 'invitation', token: value };
}
const TOKEN_PREFIX = 'baton1';
/** A secret of at least 40 hex digits (two UUIDs give 244 random bits). */
const SECRET_PATTERN = /^[0-9a-f]{40,128}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const EMAIL_PATTERN = /^[^\s:@]+@[^\s:@]+\.[^\s:@]+$/;

export interface InvitationToken {
  spreadsheetId: string;
  campaignId: string;
  /** The only address that may approve (also inside the signed record, so it cannot be swapped). */
  invited: string;
  /** Known only to the owner's store and the invitation mail; the Senders tab holds its hash. */
  secret: string;
}

export function formatToken(token: InvitationToken): string {
  return [TOKEN_PREFIX, token.spreadsheetId, token.campaignId, token.invited, token.secret].join(
    ':',
  );
}

/** Reads a token; anything altered in its shape is refused with the same plain words. */
export function parseToken(text: string): InvitationToken {
  const parts = text.trim().split(':');
  const [prefix, spreadsheetId, campaignId, invited, secret] = parts;
  if (
    parts.length !== 5 ||
    prefix !== TOKEN_PREFIX ||
    !ID_PATTERN.test(spreadsheetId) ||
    !ID_PATTERN.test(campaignId) ||
    !EMAIL_PATTERN.test(invited) ||
    !SECRET_PATTERN.test(secret)
  )
    throw invalidInvitation();
  return { spreadsheetId, campaignId, invited: invited.toLowerCase(), secret };
}

export function invalidInvitation(): BatonError {
  return new BatonError(
    'INVITATION_INVALID',
    'This invitation is not valid: it was altered or is not a Baton invitation. Ask the person who invited you to send a new one.',
  );
}

/** A fresh secret from random ids (Utilities.getUuid): only hex digits are kept. */
export function secretFrom(ids: string[]): string {
  const secret = ids
    .join('')
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
  if (!SECRET_PATTERN.test(secret)) throw new Error('Not enough randomness for an invitation.');
  return secret;
}

// ─── The record an owner publishes for one colleague (signed with the invitation's secret) ─────

/** The campaign fields a colleague's mailbox needs, as the owner has them now. */
type PublishedFields = Pick<
  Campaign,
  'spreadsheetId' | 'tabName' | 'emailHeader' | 'steps' | 'settings' | 'sender' | 'state' | 'owner'
>;

export interface CampaignRecord extends PublishedFields {
  /** Grows with every publication: a colleague refuses an older record (a replay). */
  version: number;
  campaignId: string;
  campaignName: string;
  /** The address the invitation is for: only that mailbox may approve. */
  invited: string;
  /** Limits the colleague sees and their tick obeys. */
  dailyCap: number;
  /** No sending after this instant (ms); 0 = no end date. */
  endAt: number;
  /** Candidates in the campaign's tab when the owner published (rows added later join). */
  recipients?: number;
}

export interface Limits {
  dailyCap?: number;
  endAt?: number;
}

export function recordOf(
  campaign: Campaign,
  invited: string,
  limits: Limits,
  version: number,
  recipients?: number,
): CampaignRecord {
  return {
    version,
    campaignId: campaign.id,
    campaignName: campaign.name,
    owner: campaign.owner,
    spreadsheetId: campaign.spreadsheetId,
    tabName: campaign.tabName,
    emailHeader: campaign.emailHeader,
    steps: campaign.steps,
    settings: campaign.settings,
    sender: campaign.sender,
    state: campaign.state,
    invited: invited.toLowerCase(),
    dailyCap: Math.min(limits.dailyCap ?? campaign.settings.dailyCap, campaign.settings.dailyCap),
    endAt: limits.endAt ?? 0,
    recipients,
  };
}

/** What a colleague approves: the same fingerprint the campaign model defines. */
export function recordFingerprint(record: Pick<CampaignRecord, 'steps' | 'sender'>): string {
  return contentFingerprint(record);
}

/** Sheets keep a cell under 50,000 characters. */
export const MAX_RECORD_CHARS = 45_000;

export function serializeRecord(record: CampaignRecord): string {
  const text = JSON.stringify(record);
  if (text.length > MAX_RECORD_CHARS)
    throw new BatonError(
      'CAMPAIGN_TOO_LONG',
      'This sequence is too long to hand to a colleague: shorten the bodies (HTML especially).',
    );
  return text;
}

/** Parses a record whose signature was already checked. */
export function parseRecord(text: string): CampaignRecord {
  const record = JSON.parse(text) as CampaignRecord;
  if (typeof record?.version !== 'number' || !Array.isArray(record.steps)) throw tamperedRecord();
  return record;
}

export function tamperedRecord(): BatonError {
  return new BatonError(
    'RECORD_TAMPERED',
    "The campaign's record in its spreadsheet does not match its signature: someone edited the Senders tab. Nothing is sent until the owner saves the campaign again.",
  );
}

// ─── The Senders tab: one row per invitation, the channel between an owner and a colleague ──────

export const SENDERS_TAB = 'Senders';
export const SENDERS_HEADER = [
  'Name',
  'Email',
  'Campaign',
  'Campaign id',
  'Status',
  'Updated',
  'Last run',
  'Reference',
  'Approved',
  'Record',
  'Signature',
] as const;

export type SenderStatus =
  'Invited' | 'Active' | 'Needs re-approval' | 'Revoked' | 'Declined' | 'Needs reconnect';

export interface SenderRow {
  /** 1-based row of the tab. */
  row: number;
  name: string;
  email: string;
  campaignName: string;
  campaignId: string;
  status: string;
  updated: string;
  lastRun: string;
  reference: string;
  approved: string;
  record: string;
  signature: string;
}

/** Rows below the header as text (row 2 first). */
export function readSenderRows(rows: string[][]): SenderRow[] {
  return rows.map((cells, i) => {
    const c = (n: number) => String(cells[n] ?? '');
    return {
      row: i + 2,
      name: c(0),
      email: c(1).toLowerCase(),
      campaignName: c(2),
      campaignId: c(3),
      status: c(4),
      updated: c(5),
      lastRun: c(6),
      reference: c(7),
      approved: c(8),
      record: c(9),
      signature: c(10),
    };
  });
}

export function senderCells(row: Omit<SenderRow, 'row'>): string[] {
  return [
    row.name,
    row.email,
    row.campaignName,
    row.campaignId,
    row.status,
    row.updated,
    row.lastRun,
    row.reference,
    row.approved,
    row.record,
    row.signature,
  ];
}

/** Column (1-based) of a Senders field, for writing one cell or a run of cells. */
export function senderColumn(name: (typeof SENDERS_HEADER)[number]): number {
  return SENDERS_HEADER.indexOf(name) + 1;
}

/** An hourly trigger fires once within each hour: three silent hours mean it no longer runs. */
export const RECONNECT_AFTER_MS = 3 * 60 * 60 * 1000;

/**
 * What the owner is told about one sender. `Active` with no run for three hours means the
 * colleague's authorization was lost (scopes revoked, Baton uninstalled): they must reconnect.
 */
export function ownerStatus(row: SenderRow, currentFingerprint: string, now: number): SenderStatus {
  if (row.status === 'Revoked' || row.status === 'Declined' || row.status === 'Invited')
    return row.status;
  if (row.approved && row.approved !== currentFingerprint) return 'Needs re-approval';
  const since = Math.max(Date.parse(row.lastRun) || 0, Date.parse(row.updated) || 0);
  if (since && now - since > RECONNECT_AFTER_MS) return 'Needs reconnect';
  return row.status === 'Needs re-approval' ? 'Needs re-approval' : 'Active';
}

// ─── The colleague's grants (their own user properties) ────────────────────────────────────────

export const GRANTS_KEY = 'baton.grants';
/** A colleague holds few grants; the cap keeps the record inside one 9 KB property. */
export const MAX_GRANTS = 20;

export interface Grant {
  campaignId: string;
  campaignName: string;
  spreadsheetId: string;
  owner: string;
  /** Hash of the invitation secret: which Senders row, and which token was used. */
  reference: string;
  secret: string;
  /** The fingerprint of the content approved. */
  fingerprint: string;
  dailyCap: number;
  endAt: number;
  approvedAt: number;
  /** Highest record version seen: an older one is a replay. */
  seenVersion: number;
  state: 'active' | 'needs_reapproval' | 'revoked';
}

export function decodeGrants(text: string | undefined): Grant[] {
  return parseJsonList<Grant>(text);
}

export function encodeGrants(grants: Grant[]): string {
  const kept = grants.filter((g) => g.state !== 'revoked');
  const revoked = grants.filter((g) => g.state === 'revoked');
  // Revoked grants stay as tombstones (their reference refuses a reused token) while room lasts.
  return JSON.stringify(
    [...kept, ...revoked]
      .slice(0, MAX_GRANTS * 2)
      .map(({ ...g }) => (g.state === 'revoked' ? { ...g, secret: '' } : g)),
  );
}

/** Why a grant lets nothing be sent now, or undefined when its mailbox may send. */
export function grantHold(grant: Grant | undefined, now: number): string | undefined {
  if (!grant || grant.state === 'revoked')
    return 'Revoked: this mailbox no longer sends for this campaign.';
  if (grant.state === 'needs_reapproval')
    return 'The owner changed the content: nothing new is sent until the sender re-approves it.';
  if (grant.endAt && now >= grant.endAt) return 'The approval ended on its end date.';
  return undefined;
}

/** What the record published now says about a grant: a hold reason, or undefined. */
export function recordHold(record: CampaignRecord, grant: Grant, me: string): string | undefined {
  if (record.version < grant.seenVersion) return tamperedRecord().message;
  if (record.invited !== me.toLowerCase() || record.campaignId !== grant.campaignId)
    return tamperedRecord().message;
  if (record.sender.email.toLowerCase() !== me.toLowerCase())
    return 'The owner now sends this campaign from another mailbox.';
  if (recordFingerprint(record) !== grant.fingerprint)
    return 'The owner changed the content: nothing new is sent until the sender re-approves it.';
  if (record.state === 'paused') return 'Paused by the owner.';
  if (record.state === 'ended') return 'Ended by the owner.';
  if (record.state !== 'running') return 'Not launched yet by the owner.';
  return undefined;
}

/**
 * The campaign as the colleague's own store keeps it: exactly the approved content, sent from
 * their address, with the stricter of the two daily caps. The live state comes from the record.
 */
export function approvedCampaign(record: CampaignRecord, me: string, now: number): Campaign {
  return {
    id: record.campaignId,
    name: record.campaignName,
    owner: record.owner,
    spreadsheetId: record.spreadsheetId,
    tabName: record.tabName,
    emailHeader: record.emailHeader,
    steps: record.steps.map((s) => ({ ...s })),
    settings: { ...record.settings, dailyCap: Math.min(record.dailyCap, record.settings.dailyCap) },
    sender: { email: me.toLowerCase(), name: record.sender.name, kind: 'colleague' },
    state: 'running',
    createdAt: now,
    launchedAt: now,
  };
}

/**
 * The checks before a colleague may approve: right address, unused token, signed record, shown
 * content still current. Throws the error the card shows.
 */
export function checkApproval(input: {
  me: string;
  aliases: string[];
  row: SenderRow | undefined;
  record: CampaignRecord | undefined;
  grants: Grant[];
  reference: string;
  token: InvitationToken;
}): CampaignRecord {
  const { me, row, record, grants, reference, token } = input;
  checkInvitedAddress(token, me, input.aliases);
  if (
    !row ||
    !record ||
    row.campaignId !== token.campaignId ||
    record.campaignId !== token.campaignId ||
    record.invited !== token.invited ||
    record.sender.email.toLowerCase() !== token.invited
  )
    throw invalidInvitation();
  if (grants.some((g) => g.reference === reference) || row.status !== 'Invited')
    throw new BatonError(
      'INVITATION_USED',
      `This invitation was used already (${row.status || 'used'}). Ask ${record.owner} for a new invitation.`,
    );
  return record;
}

/** Only the invited mailbox may approve; the error names the address the invitation was for. */
export function checkInvitedAddress(token: InvitationToken, me: string, aliases: string[]): void {
  const invited = token.invited;
  if (invited !== me.toLowerCase()) {
    if (aliases.map((a) => a.toLowerCase()).includes(invited))
      throw new BatonError(
        'ALIAS_CANNOT_CONNECT',
        `This invitation is for ${invited}, an alias of your mailbox. An alias cannot connect as a mailbox: ask whoever invited you to invite ${me} instead.`,
      );
    throw new BatonError(
      'WRONG_ACCOUNT',
      `This invitation is for ${invited}, and you are signed in as ${me}. Only ${invited} can authorize it: open this mail in that account.`,
    );
  }
}
