// Where the delegation records live, read and written through the ports: the Senders tab of the
// campaign spreadsheet, the owner's invitations and the colleague's grants (each in their own
// user properties, outside the campaign store's prefix so its saves never touch them).
import { BatonError } from '../../core/errors';
import {
  decodeGrants,
  encodeGrants,
  GRANTS_KEY,
  parseRecord,
  readSenderRows,
  SENDERS_HEADER,
  SENDERS_TAB,
  senderCells,
  senderColumn,
  serializeRecord,
  type CampaignRecord,
  type Grant,
  type SenderRow,
} from '../../core/delegation/grants';
import type { Campaign } from '../../core/campaign';
import { parseJsonList } from '../../core/json-list';
import { composeMessage } from '../../core/message/compose';
import type { KeyValueStore, Ports } from '../../ports';
import type { DelegationPorts } from '../../ports/delegation';
import { campaignRoster } from '../roster';

export function delegationOf(ports: Ports): DelegationPorts {
  if (!ports.delegation)
    throw new BatonError('NO_DELEGATION', 'Sending for colleagues is not available here.');
  return ports.delegation;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

// ─── The Senders tab ────────────────────────────────────────────────────────────────────────────

export function readSenders(ports: Ports, spreadsheetId: string): SenderRow[] {
  return readSenderRows(delegationOf(ports).senders.readRows(spreadsheetId, SENDERS_TAB));
}

export function appendSender(ports: Ports, spreadsheetId: string, row: Omit<SenderRow, 'row'>) {
  delegationOf(ports).senders.appendRow(
    spreadsheetId,
    SENDERS_TAB,
    SENDERS_HEADER,
    senderCells(row),
  );
}

/** Writes consecutive cells of one Senders row, starting at the named column. */
export function writeSenderCells(
  ports: Ports,
  spreadsheetId: string,
  row: number,
  from: (typeof SENDERS_HEADER)[number],
  values: string[],
): void {
  delegationOf(ports).senders.writeCells(
    spreadsheetId,
    SENDERS_TAB,
    row,
    senderColumn(from),
    values,
  );
}

/** The record text and its signature with the invitation's secret. */
export function signRecord(
  ports: Ports,
  secret: string,
  record: CampaignRecord,
): { record: string; signature: string } {
  const text = serializeRecord(record);
  return { record: text, signature: delegationOf(ports).signer.hmacSha256Hex(secret, text) };
}

/** The row's record when its signature is right for this secret; undefined when it is not. */
export function verifiedRecord(
  ports: Ports,
  secret: string,
  row: SenderRow | undefined,
): CampaignRecord | undefined {
  if (!row || !row.record || !secret) return undefined;
  const expected = delegationOf(ports).signer.hmacSha256Hex(secret, row.record);
  if (expected !== row.signature) return undefined;
  try {
    return parseRecord(row.record);
  } catch {
    return undefined;
  }
}

export function referenceOf(ports: Ports, secret: string): string {
  return delegationOf(ports).signer.sha256Hex(secret);
}

// ─── The colleague's grants ─────────────────────────────────────────────────────────────────────

export function loadGrants(store: KeyValueStore): Grant[] {
  return decodeGrants(store.readAll()[GRANTS_KEY]);
}

export function saveGrants(store: KeyValueStore, grants: Grant[]): void {
  store.write({ [GRANTS_KEY]: encodeGrants(grants) });
}

// ─── The owner's invitations ────────────────────────────────────────────────────────────────────

export const INVITES_KEY = 'baton.invites';

/** An invitation the owner sent: the secret signs every record published for that colleague. */
export interface Invite {
  campaignId: string;
  spreadsheetId: string;
  email: string;
  name: string;
  secret: string;
  reference: string;
  dailyCap?: number;
  endAt?: number;
  version: number;
  /** The approved fingerprint the colleague was last asked to review changes against. */
  notifiedFor: string;
  /** Queued by the card action; the outbox shares the sheet and mails the invitation. */
  pending?: boolean;
}

/** A JSON list the user's store keeps under `key`; a missing or unreadable one reads as empty. */
export function loadList<T>(store: KeyValueStore, key: string): T[] {
  return parseJsonList<T>(store.readAll()[key]);
}

export function loadInvites(store: KeyValueStore): Invite[] {
  return loadList<Invite>(store, INVITES_KEY);
}

export function saveInvites(store: KeyValueStore, invites: Invite[]): void {
  const text = JSON.stringify(invites);
  if (text.length > 8500)
    throw new BatonError(
      'TOO_MANY_INVITES',
      'You have too many open invitations: end campaigns you no longer run, then invite again.',
    );
  store.write({ [INVITES_KEY]: text });
}

/** A plain-text mail from the running user (the owner) to a colleague, with one Baton header. */
export function mailColleague(
  ports: Ports,
  to: { email: string; name: string },
  subject: string,
  lines: string[],
  header: Record<string, string>,
): void {
  const me = ports.identity.email();
  const raw = composeMessage({
    from: { email: me },
    to,
    subject,
    text: [`Hi ${to.name},`, '', ...lines, '', 'Thank you!', me].join('\n'),
    html: '',
    extraHeaders: header,
  });
  ports.mailbox.send({ raw });
}

/** Candidates in a campaign's tab now, for the record a colleague reads; undefined if unreadable. */
export function recipientCount(
  ports: Ports,
  campaign: Pick<Campaign, 'spreadsheetId' | 'tabName' | 'emailHeader'>,
): number | undefined {
  try {
    return campaignRoster(ports, campaign).candidates.length;
  } catch {
    return undefined;
  }
}
