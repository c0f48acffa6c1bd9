// The cost model: how much simulated time each emulated Apps Script call takes. Every call an
// execution makes advances its clock by a latency drawn (seeded) from this table; benchmarks and
// the time limits read that clock. Sources are in /work/shared/PLATFORM.md and docs/emulator.md.
import type { Random } from './random';

export interface LatencyRange {
  /** Fastest and slowest typical latency, in milliseconds; a call draws uniformly between them. */
  minMs: number;
  maxMs: number;
  source: string;
}

const SMALL_OUTBOX = 'Small Outbox add-on FAQ (~1.2 s for a 100 KB email)';
const BEST_PRACTICES = 'Google Apps Script best practices; Stack Overflow measurements';
const ZIRITIONE = 'ziritione.org PropertiesService measurements (100 runs)';
const CACHE_MEASURED = 'ziritione.org and qiita CacheService measurements';
const UNVERIFIED = 'unverified estimate: no published measurement';
const LOCAL = 'runs in the script process: negligible';

/**
 * Latency per cost key. A key is `service.method` (e.g. `GmailApp.GmailThread.reply`), or one of
 * the shared rows that several methods charge (`spreadsheet.read`, `spreadsheet.flush`...).
 * Lookup: the exact key, then `*.<last part>` (every send costs the same, whatever object sends),
 * then `service.*`, then `default`.
 */
export const COST_TABLE: Record<string, LatencyRange> = {
  default: { minMs: 5, maxMs: 20, source: UNVERIFIED },
  '*.send': { minMs: 800, maxMs: 1300, source: SMALL_OUTBOX },
  '*.sendEmail': { minMs: 800, maxMs: 1300, source: SMALL_OUTBOX },
  '*.reply': { minMs: 800, maxMs: 1300, source: SMALL_OUTBOX },
  '*.replyAll': { minMs: 800, maxMs: 1300, source: SMALL_OUTBOX },
  '*.forward': { minMs: 800, maxMs: 1300, source: SMALL_OUTBOX },
  'GmailApp.*': { minMs: 100, maxMs: 400, source: UNVERIFIED },
  'Gmail.*': { minMs: 100, maxMs: 400, source: UNVERIFIED },
  'MailApp.*': { minMs: 20, maxMs: 60, source: UNVERIFIED },
  'UrlFetchApp.fetch': { minMs: 100, maxMs: 400, source: `${UNVERIFIED} (as a Gmail call)` },
  'UrlFetchApp.gmailBatchPart': {
    minMs: 5,
    maxMs: 15,
    source: `${UNVERIFIED}: each part of a Gmail batch adds a little server time`,
  },
  'spreadsheet.read': { minMs: 300, maxMs: 800, source: BEST_PRACTICES },
  'spreadsheet.flush': { minMs: 300, maxMs: 800, source: BEST_PRACTICES },
  'spreadsheet.open': { minMs: 300, maxMs: 800, source: BEST_PRACTICES },
  'spreadsheet.write': { minMs: 1, maxMs: 3, source: 'buffered until the next read or flush' },
  'spreadsheet.local': { minMs: 1, maxMs: 3, source: LOCAL },
  'PropertiesService.getProperty': { minMs: 20, maxMs: 40, source: ZIRITIONE },
  'PropertiesService.getProperties': { minMs: 20, maxMs: 40, source: ZIRITIONE },
  'PropertiesService.getKeys': { minMs: 20, maxMs: 40, source: ZIRITIONE },
  'PropertiesService.setProperty': { minMs: 45, maxMs: 75, source: ZIRITIONE },
  'PropertiesService.setProperties': { minMs: 45, maxMs: 75, source: ZIRITIONE },
  'PropertiesService.*': { minMs: 45, maxMs: 75, source: ZIRITIONE },
  'CacheService.get': { minMs: 5, maxMs: 15, source: CACHE_MEASURED },
  'CacheService.getAll': { minMs: 5, maxMs: 15, source: CACHE_MEASURED },
  'CacheService.*': { minMs: 50, maxMs: 90, source: CACHE_MEASURED },
  'LockService.releaseLock': { minMs: 1, maxMs: 5, source: LOCAL },
  'LockService.hasLock': { minMs: 1, maxMs: 5, source: LOCAL },
  'LockService.*': { minMs: 100, maxMs: 400, source: UNVERIFIED },
  'ScriptApp.*': { minMs: 100, maxMs: 400, source: UNVERIFIED },
  'Session.*': { minMs: 1, maxMs: 5, source: LOCAL },
  'Utilities.*': { minMs: 1, maxMs: 3, source: LOCAL },
  'Logger.*': { minMs: 0, maxMs: 1, source: LOCAL },
  'CardService.*': { minMs: 0, maxMs: 1, source: LOCAL },
};

export class CostModel {
  constructor(private readonly table: Record<string, LatencyRange> = COST_TABLE) {}

  /** The row charged for a cost key, after the fallbacks. */
  rangeFor(costKey: string): LatencyRange {
    const parts = costKey.split('.');
    return (
      this.table[costKey] ??
      this.table[`*.${parts[parts.length - 1]}`] ??
      this.table[`${parts[0]}.*`] ??
      this.table.default
    );
  }

  /** A latency for one call, drawn from the row's range with the execution's seeded stream. */
  latency(costKey: string, random: Random): number {
    const { minMs, maxMs } = this.rangeFor(costKey);
    return Math.round(minMs + (maxMs - minMs) * random());
  }
}
