// The Dashboard tab's layout: figures per campaign, step and sender, and the replies-per-day
// block the chart is drawn over.
import {
  computeMetrics,
  repliesPerDay,
  type ReplyFact,
  type SentFact,
} from '../../src/core/metrics';
import { dashboardLayout } from '../../src/core/replies/dashboard';

const sent: SentFact[] = [
  { campaignId: 'c1', sender: 'r@x.example', candidate: 'a', step: 1 },
  { campaignId: 'c1', sender: 'r@x.example', candidate: 'b', step: 1 },
  { campaignId: 'c1', sender: 'r@x.example', candidate: 'a', step: 2 },
];
const replies: ReplyFact[] = [
  {
    campaignId: 'c1',
    sender: 'r@x.example',
    candidate: 'a',
    step: 2,
    category: 'interested',
    at: Date.UTC(2026, 2, 4, 9),
  },
  {
    campaignId: 'c1',
    sender: 'r@x.example',
    candidate: 'b',
    step: 1,
    category: 'auto_reply',
    at: Date.UTC(2026, 2, 3, 9),
  },
];
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('dashboardLayout', () => {
  const [metrics] = computeMetrics(sent, replies);
  const layout = dashboardLayout(
    'Backend',
    '2026-03-05 10:00',
    metrics,
    repliesPerDay(replies, day),
  );
  const rowOf = (label: string) => layout.values.find((r) => r[0] === label);

  it('shows the campaign, each step and each sender as one row of figures', () => {
    expect(rowOf('Campaign')).toEqual(['Campaign', 3, 3, 0, 1, 1, 0, 0, 1, '33%', '100%']);
    expect(rowOf('Step 1')?.slice(1, 5)).toEqual([2, 2, 0, 0]);
    expect(rowOf('Step 2')?.slice(1, 6)).toEqual([1, 1, 0, 1, 1]);
    expect(rowOf('Sender r@x.example')?.[1]).toBe(3);
  });

  it('puts the chart over the replies-per-day block, header included', () => {
    const chart = layout.chart!;
    const block = layout.values.slice(chart.row - 1, chart.row - 1 + chart.rows);
    expect(block).toEqual([
      ['Day', 'Replies', 'Interested', 'Auto-replies', 'Bounces'],
      ['2026-03-03', 0, 0, 1, 0],
      ['2026-03-04', 1, 1, 0, 0],
    ]);
    expect(chart.columns).toBe(5);
  });

  it('says the chart comes with the first reply when there is none', () => {
    const empty = dashboardLayout('Backend', 'now', computeMetrics(sent, [])[0], []);
    expect(empty.chart).toBeUndefined();
    expect(empty.values.flat().join(' ')).toMatch(/No replies yet/);
  });
});
