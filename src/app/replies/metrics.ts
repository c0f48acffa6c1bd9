// Metrics of a campaign from what the sender's store says was sent and what its Replies tab
// logged (core/metrics.ts counts), for the campaign card and the Dashboard tab the tick refreshes.
import type { Campaign } from '../../core/campaign';
import {
  computeMetrics,
  figuresOf,
  percent,
  repliesPerDay,
  type CampaignMetrics,
  type Figures,
  type ReplyFact,
  type SentFact,
} from '../../core/metrics';
import { DASHBOARD_TAB, dashboardLayout, NO_CHART_NOTE } from '../../core/replies/dashboard';
import { loggedReplyOf, REPLIES_TAB, type LoggedReply } from '../../core/replies/log';
import { candidateKey } from '../../core/roster';
import { formatLocal } from '../../core/schedule';
import type { CampaignProgress } from '../../core/store';
import { BatonError } from '../../core/errors';
import type { Ports } from '../../ports';
import type { CampaignFiguresView, FiguresRowView, NoticeView } from '../views';
import { StoreSession } from '../store';

/** Every step each candidate was sent, by candidate key. */
export function sentFactsOf(
  campaign: Campaign,
  progress: CampaignProgress | undefined,
): SentFact[] {
  const facts: SentFact[] = [];
  const sender = campaign.sender.email.toLowerCase();
  progress?.candidates.forEach((p, candidate) => {
    for (let step = 1; step <= p.sent; step++)
      facts.push({ campaignId: campaign.id, sender, candidate, step });
  });
  return facts;
}

/** `2026-03-04 10:15` (local) read as if UTC: keeps order and the local day, which is all we need. */
function localInstant(localTime: string): number {
  const ms = Date.parse(`${localTime.replace(' ', 'T')}:00Z`);
  return isNaN(ms) ? 0 : ms;
}

export function replyFactsOf(campaignId: string, logged: readonly LoggedReply[]): ReplyFact[] {
  return logged.map((row) => ({
    campaignId,
    sender: row.sender,
    candidate: candidateKey(row.candidate),
    step: row.step,
    category: row.category,
    at: localInstant(row.localTime),
    override: row.rule === 'human_override',
  }));
}

function loggedReplies(ports: Ports, campaign: Campaign): LoggedReply[] {
  if (!ports.replies) return [];
  return ports.replies.logSheets
    .readRows(campaign.spreadsheetId, REPLIES_TAB)
    .map(loggedReplyOf)
    .filter((row): row is LoggedReply => row !== undefined);
}

export interface CampaignFigures {
  metrics: CampaignMetrics;
  logged: LoggedReply[];
}

/** The metrics of one campaign of this sender's store (one read of its Replies tab). */
export function campaignFigures(
  ports: Ports,
  campaign: Campaign,
  progress: CampaignProgress | undefined,
): CampaignFigures {
  const logged = loggedReplies(ports, campaign);
  const [metrics] = computeMetrics(
    sentFactsOf(campaign, progress),
    replyFactsOf(campaign.id, logged),
  );
  return {
    logged,
    metrics: metrics ?? {
      campaignId: campaign.id,
      total: figuresOf([], []),
      byStep: [],
      bySender: [],
    },
  };
}

/**
 * Rewrites the Dashboard tab of each named campaign (figures, replies per day, a chart), until
 * `deadline`; a campaign whose tab cannot be written is reported and skipped.
 */
export function refreshDashboards(
  ports: Ports,
  campaignIds: ReadonlySet<string>,
  deadline: number,
): string[] {
  const problems: string[] = [];
  if (!ports.replies || campaignIds.size === 0) return problems;
  const session = new StoreSession(ports.store);
  for (const id of campaignIds) {
    const campaign = session.data.campaigns.get(id);
    if (!campaign) continue;
    if (ports.clock.now() > deadline) {
      problems.push(`Dashboard of "${campaign.name}": next tick (time limit).`);
      continue;
    }
    try {
      writeDashboard(ports, campaign, session.data.progress.get(id));
    } catch (error) {
      problems.push(`Dashboard of "${campaign.name}": ${(error as Error).message}`);
    }
  }
  return problems;
}

function writeDashboard(ports: Ports, campaign: Campaign, progress: CampaignProgress | undefined) {
  const logSheets = ports.replies!.logSheets;
  const { metrics, logged } = campaignFigures(ports, campaign, progress);
  const perDay = repliesPerDay(replyFactsOf(campaign.id, logged), (ms) =>
    new Date(ms).toISOString().slice(0, 10),
  );
  const zone = campaign.settings.timeZone;
  const layout = dashboardLayout(
    campaign.name,
    `${formatLocal(ports.clock.now(), zone)} (${zone})`,
    metrics,
    perDay,
  );
  const chart = layout.chart && { ...layout.chart, title: `Replies per day: ${campaign.name}` };
  const drawn = logSheets.writeDashboard(
    campaign.spreadsheetId,
    DASHBOARD_TAB,
    layout.values,
    chart,
  );
  if (chart && !drawn)
    logSheets.writeDashboard(campaign.spreadsheetId, DASHBOARD_TAB, [
      ...layout.values,
      [],
      [NO_CHART_NOTE],
    ]);
}

function rowView(label: string, f: Figures): FiguresRowView {
  return {
    label,
    sent: f.sent,
    delivered: f.delivered,
    bounced: f.bounced,
    replied: f.replied,
    interested: f.interested,
    notInterested: f.notInterested,
    optedOut: f.optedOut,
    autoReplied: f.autoReplied,
    replyRate: percent(f.replyRate),
    interestRate: percent(f.interestRate),
  };
}

/** The campaign card's figures; a Replies tab that cannot be read is said, not fatal. */
export function campaignFiguresView(ports: Ports, campaignId: string): CampaignFiguresView {
  const session = new StoreSession(ports.store);
  const campaign = session.data.campaigns.get(campaignId);
  if (!campaign)
    throw new BatonError('NO_CAMPAIGN', 'This campaign no longer exists: open the list again.');
  const progress = session.data.progress.get(campaignId);
  const notices: NoticeView[] = [];
  let metrics: CampaignMetrics;
  try {
    metrics = campaignFigures(ports, campaign, progress).metrics;
  } catch (error) {
    notices.push({
      tone: 'warning',
      text: `The Replies tab could not be read (${(error as Error).message}): replies are not counted below.`,
    });
    metrics = computeMetrics(sentFactsOf(campaign, progress), [])[0] ?? {
      campaignId,
      total: figuresOf([], []),
      byStep: [],
      bySender: [],
    };
  }
  return {
    campaignId,
    campaignName: campaign.name,
    total: rowView('Whole campaign', metrics.total),
    bySteps: metrics.byStep.map((s) => rowView(`Step ${s.step}`, s.figures)),
    bySenders: metrics.bySender.map((s) => rowView(s.sender, s.figures)),
    spreadsheetUrl: ports.sheets.url(campaign.spreadsheetId),
    notices,
  };
}
