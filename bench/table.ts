// The bench's table, from bench/results.json: one row per measure with its issue-9 target and
// whether it is met. run.ts prints it and writes it into docs/performance.md between markers.
import { readFileSync, writeFileSync } from 'node:fs';

/* eslint-disable @typescript-eslint/no-explicit-any -- results.json is read back as plain data */
type Results = Record<string, any>;

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const yes = (ok: boolean) => (ok ? 'met' : '**missed**');

export function tableRows(r: Results): string[][] {
  const side = r.sideBySide;
  const b = side.baton;
  const mm = side['mail-merge'];
  const naive = side['naive-sequencer'];
  const f = b.followUps;
  const full = r.fullRuns;
  const fs = full.firstSteps;
  const fu = full.followUps;
  const byService = (per: any) =>
    Object.entries(per.callsPerEmailByService as Record<string, number>)
      .map(([service, n]) => `${service} ${n}`)
      .join(', ');
  const scan: any[] = r.scan;
  const reads = (key: string) =>
    scan.map((s) => `${s.activeThreads}: ${s[key].gmailReads}`).join(', ');
  const readsFlat = new Set(scan.map((s) => s.tickWithNewReplies.gmailReads)).size === 1;
  const cardMax = Object.entries(r.cards.simulatedMs as Record<string, number[]>).map(
    ([action, ms]) => [action, Math.max(...ms)] as const,
  );
  const slowCards = cardMax.filter(([, ms]) => ms > 3000);
  const k = r.underKills;
  const backlogRow = (kind: string) => {
    const q = r.backlog[kind];
    return [
      `Share of the daily quota sent with backlog (${kind}, ${q.dailyQuota}/day)`,
      `${pct(q.quotaShare)}; most in any 24 h: ${q.mostInAny24h}; quota errors: ${q.quotaErrors}`,
      '≥ 99%, never more',
      yes(q.quotaShare >= 0.99 && q.mostInAny24h <= q.dailyQuota && q.quotaErrors === 0),
    ];
  };
  return [
    ['Measure', 'Baton (and baselines)', 'Target', 'Verdict'],
    [
      `Simulated ms per sent email, step 1 to ${side.candidates} candidates (at each cost row's mean; as drawn)`,
      `${b.expectedMsPerEmail} (mail-merge ${mm.expectedMsPerEmail}, naive ${naive.expectedMsPerEmail}); ratio ${mm.batonRatio.expectedMsPerEmail}× / ${naive.batonRatio.expectedMsPerEmail}×; as drawn ${b.msPerEmail} (mail-merge ${mm.msPerEmail}, naive ${naive.msPerEmail})`,
      'faster than mail-merge while saving state after every send',
      yes(mm.batonRatio.expectedMsPerEmail < 1),
    ],
    [
      'Service calls per sent email',
      `${b.callsPerEmail} (mail-merge ${mm.callsPerEmail}, naive ${naive.callsPerEmail}); ratio ${mm.batonRatio.callsPerEmail}× / ${naive.batonRatio.callsPerEmail}×`,
      '—',
      '—',
    ],
    [
      `Non-send service calls per sent email, full runs (${full.candidates} candidates: first steps; follow-ups)`,
      `${fs.nonSendCallsPerEmail} over ${fs.runs} runs (${byService(fs)}); follow-ups ${fu.nonSendCallsPerEmail} over ${fu.runs} runs (${byService(fu)})`,
      '≤ 0.1',
      yes(
        fs.runs > 0 &&
          fu.runs > 0 &&
          Math.max(fs.nonSendCallsPerEmail, fu.nonSendCallsPerEmail) <= 0.1,
      ),
    ],
    [
      "Share of a full run's simulated time in send calls",
      `lowest ${pct(Math.min(fs.minSendShare, fu.minSendShare))} (first steps: ${fs.sendShareOfEachRun.map(pct).join(', ')}; follow-ups: ${fu.sendShareOfEachRun.map(pct).join(', ')})`,
      '≥ 95%',
      yes(fs.runs > 0 && fu.runs > 0 && Math.min(fs.minSendShare, fu.minSendShare) >= 0.95),
    ],
    [
      `The same for every sending run of the ${side.candidates}-candidate campaign (first steps; follow-ups), last runs with what was left included`,
      `non-send calls per email ${b.nonSendCallsPerEmail}; ${f.nonSendCallsPerEmail}; share in sends ${b.sendShareOfEachRun.map(pct).join(', ')}; ${f.sendShareOfEachRun.map(pct).join(', ')}`,
      '—',
      '—',
    ],
    [
      'Emails per 6-minute run with a big backlog',
      `workspace ${r.backlog.workspace.maxEmailsPerRun} (longest run ${(r.backlog.workspace.longestRunMs / 1000).toFixed(0)} s); consumer ${r.backlog.consumer.maxEmailsPerRun} (quota-bound)`,
      '—',
      '—',
    ],
    backlogRow('consumer'),
    backlogRow('workspace'),
    [
      `Reply scan: Gmail reads per tick by active threads, ${scan[0].tickWithNewReplies.newReplies} new replies`,
      `${reads('tickWithNewReplies')} (no new reply: ${reads('quietTick')}); naive sequencer, no new reply: ${(
        r.naiveSequencerScan as any[]
      )
        .map((n) => `${n.activeThreads}: ${n.gmailReads}`)
        .join(
          ', ',
        )}; before these, idle runs read the follow-ups' Message-IDs ahead, once per thread: ${scan
        .map((x) => `${x.activeThreads}: ${x.readAhead?.batchRequests ?? 0} batch requests`)
        .join(', ')}`,
      'grows with new messages, not active threads',
      yes(readsFlat),
    ],
    [
      'User-property bytes per active candidate',
      `${r.store.bytesPerActiveCandidate} (at ${scan[scan.length - 1].activeThreads} active)`,
      '≤ 40',
      yes(r.store.bytesPerActiveCandidate <= 40),
    ],
    [
      'Most active candidates one sender holds under 500 KB',
      String(r.store.mostActiveCandidates),
      '—',
      '—',
    ],
    [
      `Card actions, simulated ms (${r.cards.candidates} candidates)`,
      cardMax.map(([a, ms]) => `${a} ${ms}`).join(', '),
      'each ≤ 3 s',
      slowCards.length ? `**missed** (${slowCards.map(([a]) => a).join(', ')})` : 'met',
    ],
    [
      `Duplicates when runs are killed mid-run (killed runs: Baton ${k.baton.killedRuns}, mail-merge ${k['mail-merge'].killedRuns}, naive ${k['naive-sequencer'].killedRuns})`,
      `Baton ${k.baton.duplicates} (mail-merge ${k['mail-merge'].duplicates}, naive ${k['naive-sequencer'].duplicates})`,
      '0 for Baton',
      yes(k.baton.duplicates === 0),
    ],
    [
      'Bundle: dist/Code.js size, load into a fresh context',
      `${(r.bundle.bytes / 1024).toFixed(0)} KB, ${r.bundle.loadMsMedian} ms (median of 5, wall clock)`,
      '—',
      '—',
    ],
  ];
}

export function markdownTable(rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(rows[0]), line(rows[0].map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/** Replaces the table between the markers of a doc; leaves the doc alone if it has none. */
export function writeTableInto(file: string, table: string): boolean {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) return false;
  writeFileSync(file, `${text.slice(0, from + START.length)}\n\n${table}\n\n${text.slice(to)}`);
  return true;
}
