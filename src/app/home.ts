// The user's own Baton: what the home card shows (can my mailbox send, my campaigns and their
// figures) and the defaults new campaigns start from (the Settings card). Reads are few and cheap:
// one store read, the trigger list and the quota, so the home card opens well inside its budget.
import {
  defaultSettings,
  validateSettings,
  type Campaign,
  type CampaignSettings,
} from '../core/campaign';
import { BatonError } from '../core/errors';
import { decodeReplyState, type ReplyState } from '../core/replies/state';
import type { Progress } from '../core/sequence';
import { STORE_LIMIT_BYTES, storeWarning, type CampaignProgress } from '../core/store';
import type { Ports } from '../ports';
import { ReadOnceStore, StoreSession } from './store';
import { ensureHourlyTick, hasHourlyTick } from './triggers';
import type {
  CampaignDefaults,
  CampaignSummaryView,
  GrantView,
  HelpView,
  HomeView,
  NoticeView,
  SettingsView,
} from './views';

/** Paused and blocked campaigns need the user first; ended ones last. */
const STATE_ORDER: Record<Campaign['state'], number> = {
  paused: 0,
  running: 1,
  draft: 2,
  ended: 3,
};
const FINISHED: ReadonlySet<Progress['state']> = new Set([
  'done',
  'replied',
  'opted_out',
  'bounced',
  'stopped',
]);
const REPLIED: ReadonlySet<Progress['state']> = new Set(['replied', 'opted_out']);

/**
 * The home card's view. `grants` are the colleague grants this user holds (the delegation use
 * case gathers them; none until it is wired in).
 */
export function loadHome(ports: Ports, grants: GrantView[] = []): HomeView {
  // One read of the user's properties serves the campaign store and the replies record.
  const store = new ReadOnceStore(ports.store);
  const all = store.readAll();
  const session = new StoreSession(store);
  const interested = interestedByCampaign(decodeReplyState(all));
  const bytes = session.bytes();
  const mailbox = {
    email: ports.identity.email(),
    triggerInstalled: hasHourlyTick(ports),
    quotaLeftToday: ports.mailbox.remainingRecipientQuota(),
    storeUsedPercent: Math.min(100, Math.round((bytes / STORE_LIMIT_BYTES) * 100)),
  };
  const blocked = blockedReason(mailbox);
  const campaigns = [...session.data.campaigns.values()]
    .map((c) =>
      summarize(c, session.data.progress.get(c.id), ports, blocked, interested.get(c.id) ?? 0),
    )
    .sort(
      (a, b) =>
        Number(!!b.blockedReason) - Number(!!a.blockedReason) ||
        STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
        a.name.localeCompare(b.name),
    );
  const notices: NoticeView[] = [];
  if (!mailbox.triggerInstalled)
    notices.push({
      tone: 'warning',
      text: 'Sending is off for your mailbox: turn it on so Baton can send every hour.',
    });
  if (mailbox.quotaLeftToday <= 0)
    notices.push({
      tone: 'error',
      text: 'Your mailbox reached Google’s daily sending limit: Baton resumes by itself tomorrow.',
    });
  const full = storeWarning(bytes);
  if (full) notices.push({ tone: 'warning', text: full });
  return { mailbox, campaigns, grants, notices };
}

/** Why a running campaign of this mailbox cannot send now, if it cannot. */
function blockedReason(mailbox: HomeView['mailbox']): string | undefined {
  if (!mailbox.triggerInstalled) return 'Sending is off for your mailbox.';
  if (mailbox.quotaLeftToday <= 0) return 'Daily sending limit reached: resumes tomorrow.';
  return undefined;
}

function summarize(
  campaign: Campaign,
  progress: CampaignProgress | undefined,
  ports: Ports,
  mailboxBlocked: string | undefined,
  interested: number,
): CampaignSummaryView {
  const candidates = progress ? [...progress.candidates.values()] : [];
  const count = (test: (p: Progress) => boolean) => candidates.filter(test).length;
  return {
    id: campaign.id,
    name: campaign.name,
    state: campaign.state,
    blockedReason: campaign.state === 'running' ? mailboxBlocked : undefined,
    candidates: candidates.length,
    finished: count((p) => FINISHED.has(p.state)),
    sent: candidates.reduce((n, p) => n + p.sent, 0),
    replied: count((p) => REPLIED.has(p.state)),
    interested,
    spreadsheetUrl: ports.sheets.url(campaign.spreadsheetId),
  };
}

/** Candidates whose standing answer (a person's mark, else the latest verdict) is interested. */
function interestedByCampaign(replies: ReplyState): Map<string, number> {
  const counts = new Map<string, number>();
  replies.candidates.forEach((c, ref) => {
    const category = c.override?.category ?? c.verdict?.category;
    if (category !== 'interested') return;
    const campaignId = ref.slice(0, ref.indexOf('.'));
    counts.set(campaignId, (counts.get(campaignId) ?? 0) + 1);
  });
  return counts;
}

/** Turns sending on for the user's mailbox (the hourly tick); true when it was off. */
export function enableSending(ports: Ports): boolean {
  return ensureHourlyTick(ports);
}

export function loadHelp(ports: Ports): HelpView {
  return { email: ports.identity.email(), triggerInstalled: hasHourlyTick(ports) };
}

// ─── Defaults for new campaigns (Settings) ──────────────────────────────────────────────────────

/** Outside Baton's own store prefix, so the store's save never removes it. */
export const DEFAULTS_KEY = 'baton.defaults';

/** The user's defaults, else Baton's (9:00–17:00, Monday to Friday, 50 a day, the user's zone). */
export function loadDefaults(ports: Ports, userTimeZone: string): CampaignDefaults {
  const fallback = fromSettings(defaultSettings(ports.clock.now(), userTimeZone));
  const stored = ports.store.readAll()[DEFAULTS_KEY];
  if (!stored) return fallback;
  try {
    return { ...fallback, ...(JSON.parse(stored) as Partial<CampaignDefaults>) };
  } catch {
    return fallback;
  }
}

/** The settings a new campaign starts with: the user's defaults, starting now. */
export function newCampaignSettings(ports: Ports, userTimeZone: string): CampaignSettings {
  const d = loadDefaults(ports, userTimeZone);
  return {
    timeZone: d.timeZone,
    window: {
      startMinute: d.windowStartMinute,
      endMinute: d.windowEndMinute,
      weekdays: [...d.weekdays],
    },
    dailyCap: d.dailyCap,
    startAt: ports.clock.now(),
  };
}

export function loadSettings(ports: Ports, userTimeZone: string): SettingsView {
  return { defaults: loadDefaults(ports, userTimeZone), notices: [] };
}

/** Checks the defaults with the campaign rules (naming the field at fault) and keeps them. */
export function saveDefaults(ports: Ports, defaults: CampaignDefaults): void {
  validateSettings({
    timeZone: defaults.timeZone,
    window: {
      startMinute: defaults.windowStartMinute,
      endMinute: defaults.windowEndMinute,
      weekdays: defaults.weekdays,
    },
    dailyCap: defaults.dailyCap,
    startAt: 0,
  });
  const json = JSON.stringify(defaults);
  if (json.length > 2000)
    throw new BatonError('BAD_DEFAULTS', 'These defaults are too long to keep: shorten them.');
  ports.store.write({ [DEFAULTS_KEY]: json });
}

function fromSettings(s: CampaignSettings): CampaignDefaults {
  return {
    timeZone: s.timeZone,
    windowStartMinute: s.window.startMinute,
    windowEndMinute: s.window.endMinute,
    weekdays: [...s.window.weekdays],
    dailyCap: s.dailyCap,
  };
}
