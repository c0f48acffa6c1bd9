// The bench's table gives each target its verdict from the figures, not from a fixed word.
import { readFileSync } from 'node:fs';
import { markdownTable, tableRows } from '../../bench/table';

const results = () => JSON.parse(readFileSync('bench/results.json', 'utf8'));
const verdictOf = (r: ReturnType<typeof results>, measure: RegExp) =>
  tableRows(r).find((row) => measure.test(row[0]))?.[3];

describe('the bench table', () => {
  it('marks the store target met at 40 bytes a candidate and missed above', () => {
    const r = results();
    r.store.bytesPerActiveCandidate = 40;
    expect(verdictOf(r, /bytes per active candidate/)).toBe('met');
    r.store.bytesPerActiveCandidate = 40.5;
    expect(verdictOf(r, /bytes per active candidate/)).toBe('**missed**');
  });

  it('marks the quota target missed when a day sent more than the quota', () => {
    const r = results();
    r.backlog.workspace.quotaShare = 1;
    r.backlog.workspace.mostInAny24h = r.backlog.workspace.dailyQuota + 1;
    expect(verdictOf(r, /daily quota.*workspace/)).toBe('**missed**');
  });

  it('judges the full runs on their worst run and worst phase, follow-ups included', () => {
    const r = results();
    r.fullRuns.firstSteps.minSendShare = 0.99;
    r.fullRuns.followUps.minSendShare = 0.95;
    expect(verdictOf(r, /full run's simulated time/)).toBe('met');
    r.fullRuns.followUps.minSendShare = 0.949;
    expect(verdictOf(r, /full run's simulated time/)).toBe('**missed**');
    r.fullRuns.firstSteps.nonSendCallsPerEmail = 0.05;
    r.fullRuns.followUps.nonSendCallsPerEmail = 0.11;
    expect(verdictOf(r, /Non-send service calls per sent email, full runs/)).toBe('**missed**');
  });

  it('calls Baton faster than the mail-merge only below a ratio of 1 at the mean', () => {
    const r = results();
    r.sideBySide['mail-merge'].batonRatio.expectedMsPerEmail = 1;
    expect(verdictOf(r, /Simulated ms per sent email/)).toBe('**missed**');
    r.sideBySide['mail-merge'].batonRatio.expectedMsPerEmail = 0.999;
    expect(verdictOf(r, /Simulated ms per sent email/)).toBe('met');
  });

  it('names the card action over 3 s', () => {
    const r = results();
    r.cards.simulatedMs['campaign.launch'] = [3001];
    expect(verdictOf(r, /Card actions/)).toBe('**missed** (campaign.launch)');
  });

  it('prints one markdown line per row with a separator under the header', () => {
    const rows = tableRows(results());
    const lines = markdownTable(rows).split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toMatch(/^\| --- \|/);
  });
});
