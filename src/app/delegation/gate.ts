// The colleague's tick asks this gate before every send of a campaign they send for someone else:
// is the grant still there (read again before each send, so a revoke takes effect at once), does
// the owner's signed record still match the approved content, is the campaign running, is the
// end date ahead. It also tells the owner, in the Senders tab, that this mailbox's tick runs.
import { grantHold, recordFingerprint, recordHold, type Grant } from '../../core/delegation/grants';
import type { Ports } from '../../ports';
import { pausedStatus, readResumedStatus } from '../../core/replies/pause';
import type { SendHolds } from '../replies/holds';
import { ReplyStateSession } from '../replies/state';
import { StoreSession } from '../store';
import {
  iso,
  loadGrants,
  readSenders,
  saveGrants,
  verifiedRecord,
  writeSenderCells,
} from './records';

const NO_RECORD =
  "The campaign's record is missing from its spreadsheet's Senders tab: nothing is sent until the owner saves the campaign again.";

/**
 * Checks every grant once at the start of a tick (one Senders read per spreadsheet, one heartbeat
 * write per grant) and returns the holds the sending tick applies to colleague campaigns.
 */
export function grantGate(ports: Ports): SendHolds {
  const me = ports.identity.email().toLowerCase();
  const now = ports.clock.now();
  const holds = new Map<string, string>();
  const grants = loadGrants(ports.store);
  let changed = false;
  const settingsUpdates = new Map<string, ReturnType<typeof verifiedRecord>>();
  const pausedCopies = new PausedCopies(ports);
  for (const grant of grants) {
    if (grant.state === 'revoked') continue;
    try {
      const row = readSenders(ports, grant.spreadsheetId).find(
        (r) => r.reference === grant.reference,
      );
      const record = verifiedRecord(ports, grant.secret, row);
      if (!row || !record) {
        holds.set(
          grant.campaignId,
          row
            ? 'The campaign’s record in its spreadsheet does not match its signature: nothing is sent until the owner saves the campaign again.'
            : NO_RECORD,
        );
        continue;
      }
      const hold = recordHold(record, grant, me);
      if (hold) holds.set(grant.campaignId, hold);
      const outdated = recordFingerprint(record) !== grant.fingerprint;
      changed = updateGrant(grant, outdated, record.version) || changed;
      if (!hold) settingsUpdates.set(grant.campaignId, record);
      const status =
        pausedCopies.statusOf(grant.campaignId, row.status) ??
        (outdated ? 'Needs re-approval' : 'Active');
      writeSenderCells(ports, grant.spreadsheetId, row.row, 'Status', [
        status,
        row.updated || iso(now),
        iso(now),
      ]);
    } catch (error) {
      holds.set(
        grant.campaignId,
        `The campaign's spreadsheet cannot be read: ${(error as Error).message}`,
      );
    }
  }
  if (changed) saveGrants(ports.store, grants);
  pausedCopies.resumeThoseTheOwnerResumed();
  followOwnerSettings(ports, settingsUpdates);
  return {
    holdReason(campaign, _candidate, at) {
      if (campaign.sender.kind !== 'colleague') return undefined;
      // Read again before each send: a revoke in another execution stops the very next send.
      const fresh = loadGrants(ports.store).find(
        (g) => g.campaignId === campaign.id && g.state !== 'revoked',
      );
      return grantHold(fresh, at) ?? holds.get(campaign.id) ?? (fresh ? undefined : NO_RECORD);
    },
    annotate() {},
  };
}

/**
 * Copies of the owner's campaigns that this mailbox's reply scan paused (a bounce on the sending
 * side): the Senders row says so (the owner's tick pauses the owner's campaign on reading it), and
 * the copy runs again once the owner's side has marked the row resumed after the pause.
 */
class PausedCopies {
  /** Read on the first grant checked: a user without grants pays nothing. */
  private replies?: ReplyStateSession;
  private readonly resumed: string[] = [];

  constructor(private readonly ports: Ports) {}

  private state() {
    this.replies = this.replies ?? new ReplyStateSession(this.ports.store);
    return this.replies.state;
  }

  /** The Status cell for a paused copy, or undefined when the copy is not paused by Baton. */
  statusOf(campaignId: string, current: string): string | undefined {
    const at = this.state().pausedAt[campaignId];
    if (at === undefined) return undefined;
    const resumedAt = readResumedStatus(current);
    if (resumedAt !== undefined && resumedAt > at) {
      this.resumed.push(campaignId);
      return 'Active';
    }
    return pausedStatus(at, this.state().pauses[campaignId] ?? '');
  }

  resumeThoseTheOwnerResumed(): void {
    if (!this.replies || this.resumed.length === 0) return;
    const session = new StoreSession(this.ports.store);
    for (const id of this.resumed) {
      const copy = session.data.campaigns.get(id);
      if (copy?.state === 'paused') copy.state = 'running';
      delete this.replies.state.pausedAt[id];
      delete this.replies.state.pauses[id];
    }
    session.save();
    this.replies.save();
  }
}

function updateGrant(grant: Grant, outdated: boolean, version: number): boolean {
  const state = outdated ? 'needs_reapproval' : 'active';
  const seen = Math.max(grant.seenVersion, version);
  if (grant.state === state && grant.seenVersion === seen) return false;
  grant.state = state;
  grant.seenVersion = seen;
  return true;
}

/**
 * Window, time zone and start date follow the owner's signed record (they decide when, never
 * what); the daily cap stays the stricter of the owner's and the approved one.
 */
function followOwnerSettings(
  ports: Ports,
  records: Map<string, ReturnType<typeof verifiedRecord>>,
): void {
  if (records.size === 0) return;
  const session = new StoreSession(ports.store);
  for (const [id, record] of records) {
    const copy = session.data.campaigns.get(id);
    if (!copy || !record) continue;
    copy.settings = {
      ...record.settings,
      dailyCap: Math.min(record.dailyCap, record.settings.dailyCap, copy.settings.dailyCap),
    };
  }
  session.save();
}

/** Both the reply scan's holds and the grant gate: the first reason to wait wins. */
export function combineHolds(...all: (SendHolds | undefined)[]): SendHolds {
  const present = all.filter((h): h is SendHolds => h !== undefined);
  return {
    holdReason: (campaign, candidate, now) => {
      for (const h of present) {
        const reason = h.holdReason(campaign, candidate, now);
        if (reason) return reason;
      }
      return undefined;
    },
    annotate: (campaign, roster, progress, notes, now) => {
      for (const h of present) h.annotate(campaign, roster, progress, notes, now);
    },
  };
}
