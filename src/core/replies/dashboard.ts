// The Dashboard tab of a campaign spreadsheet, as values: the figures per campaign, step and
// sender, then replies per day (the block the chart draws). Pure: the tick writes it in one call.
import type { CampaignMetrics, DayFigures, Figures } from '../metrics';
import { percent } from '../metrics';

export const DASHBOARD_TAB = 'Dashboard';

const FIGURE_HEADER = [
  '',
  'Sent',
  'Delivered',
  'Bounced',
  'Replied',
  'Interested',
  'Not interested',
  'Opted out',
  'Auto-replied',
  'Reply rate',
  'Interest rate',
];
const DAY_HEADER = ['Day', 'Replies', 'Interested', 'Auto-replies', 'Bounces'];

/** Where the chart's data sits: 1-based row and column of its header cell, and its size. */
export interface ChartBlock {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export interface DashboardLayout {
  values: (string | number)[][];
  /** Absent when there is no reply yet to draw. */
  chart?: ChartBlock;
}

function figureRow(label: string, f: Figures): (string | number)[] {
  return [
    label,
    f.sent,
    f.delivered,
    f.bounced,
    f.replied,
    f.interested,
    f.notInterested,
    f.optedOut,
    f.autoReplied,
    percent(f.replyRate),
    percent(f.interestRate),
  ];
}

export function dashboardLayout(
  campaignName: string,
  updated: string,
  metrics: CampaignMetrics,
  perDay: readonly DayFigures[],
): DashboardLayout {
  const values: (string | number)[][] = [
    [`Baton dashboard: ${campaignName}`, `Updated ${updated}`],
    [],
    FIGURE_HEADER,
    figureRow('Campaign', metrics.total),
    ...metrics.byStep.map((s) => figureRow(`Step ${s.step}`, s.figures)),
    ...metrics.bySender.map((s) => figureRow(`Sender ${s.sender}`, s.figures)),
    [],
    ['Replies per day'],
  ];
  if (perDay.length === 0) {
    values.push(['No replies yet: the chart appears with the first one.']);
    return { values };
  }
  const headerRow = values.length + 1;
  values.push(DAY_HEADER);
  for (const d of perDay) values.push([d.day, d.replies, d.interested, d.autoReplies, d.bounces]);
  return {
    values,
    chart: { row: headerRow, column: 1, rows: perDay.length + 1, columns: DAY_HEADER.length },
  };
}

/** The note the tab carries when the spreadsheet service could not draw the chart. */
export const NO_CHART_NOTE =
  'The chart of replies per day could not be drawn here; the figures above are complete.';
