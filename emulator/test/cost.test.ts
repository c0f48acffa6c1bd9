// The cost model's table lookup and seeded draws, and what it charges an execution.
import { CostModel, COST_TABLE } from '../cost';
import { seededRandom } from '../random';

describe('the cost model', () => {
  const model = new CostModel();

  it('charges every kind of send the send row, whatever object sends', () => {
    for (const key of [
      'GmailApp.sendEmail',
      'Gmail.Users.Messages.send',
      'GmailApp.GmailThread.reply',
    ])
      expect(model.rangeFor(key)).toEqual(COST_TABLE['*.send']);
  });

  it('charges a send more than a read', () => {
    expect(model.rangeFor('GmailApp.sendEmail').minMs).toBeGreaterThan(
      model.rangeFor('GmailApp.getThreadById').maxMs,
    );
  });

  it('falls back from the method to the service, then to the default row', () => {
    expect(model.rangeFor('PropertiesService.getProperty')).toBe(
      COST_TABLE['PropertiesService.getProperty'],
    );
    expect(model.rangeFor('PropertiesService.deleteProperty')).toBe(
      COST_TABLE['PropertiesService.*'],
    );
    expect(model.rangeFor('NoSuchService.call')).toBe(COST_TABLE.default);
  });

  it('draws latencies inside the row’s range, the same ones from the same seed', () => {
    const draws = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 50 }, () => model.latency('spreadsheet.read', random));
    };
    const { minMs, maxMs } = COST_TABLE['spreadsheet.read'];
    expect(draws(3).every((ms) => ms >= minMs && ms <= maxMs)).toBe(true);
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
  });

  it('names a source for every row', () => {
    for (const [key, row] of Object.entries(COST_TABLE)) {
      expect(`${key}: ${row.source}`).toMatch(/: \S/);
      expect(row.minMs).toBeLessThanOrEqual(row.maxMs);
    }
  });
});
