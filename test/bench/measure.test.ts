// The bench's counting on small runs: sends, calls and time per email read back from the world,
// the cost recorder adding up to the execution's clock, and duplicates of a sender that is not
// exactly-once.
import {
  CostRecorder,
  duplicatesAmong,
  isGmailRead,
  isSendCall,
  perEmail,
  sendShare,
  sendsOf,
} from '../../bench/measure';
import { launchBaton, OWNER, runBaseline, runBatonHours, sentLetters } from '../../bench/runners';

describe('the bench measures a baseline', () => {
  const rows = 5;
  const merge = runBaseline({
    name: 'mail-merge',
    seed: 3,
    kind: 'workspace',
    count: rows,
    hours: 1,
  });
  const [run] = merge.runs;

  it('reports the mail-merge sending one sendEmail per row, in one run', () => {
    expect(run.error).toBeUndefined();
    expect(run.methods['GmailApp.sendEmail']).toBe(rows);
    expect(sentLetters(merge.world)).toHaveLength(rows);
    expect(sendsOf(merge.runs)).toBe(rows);
    const per = perEmail(merge.runs, rows);
    expect(per.sent).toBe(rows);
    expect(per.msPerEmail).toBeCloseTo(run.simulatedMs / rows, 1);
    const scriptCalls = Object.entries(run.methods)
      .filter(([k]) => k !== 'SpreadsheetApp.(flush)')
      .reduce((n, [, v]) => n + v, 0);
    expect(per.callsPerEmail).toBeCloseTo(scriptCalls / rows, 1);
    expect(per.nonSendCallsPerEmail).toBeCloseTo((scriptCalls - rows) / rows, 1);
  });

  it('counts a killed mail-merge resending what it had sent: duplicates', () => {
    const killed = runBaseline({
      name: 'mail-merge',
      seed: 3,
      kind: 'workspace',
      count: rows,
      hours: 2,
      faults: (() => {
        let first = true;
        // Past the template (7 calls: the draft) and the sheet read: some sends have gone out.
        return () => (first ? ((first = false), { killAtCall: 15 }) : {});
      })(),
    });
    expect(killed.runs[0].killed).toBe(true);
    const letters = sentLetters(killed.world).map((l) => `${l.to}|${l.subject}`);
    expect(new Set(letters).size).toBe(rows);
    expect(duplicatesAmong(letters)).toBeGreaterThan(0);
  });
});

describe('the bench measures Baton', () => {
  const baton = launchBaton({ seed: 4, kind: 'workspace', count: 6 });
  const recorder = new CostRecorder(baton.sim.world);
  recorder.take();
  const runs = runBatonHours(baton.sim, 2);
  const byKey = recorder.take();
  const sending = runs.filter((r) => sendsOf([r]) > 0);

  it('counts its sends from the calls as the mailbox shows them', () => {
    expect(sendsOf(runs)).toBe(baton.sim.sentByBaton(OWNER).length);
    expect(sendsOf(runs)).toBe(6);
  });

  it('records time per cost row that adds up to the runs, and a send share between 0 and 1', () => {
    const recorded = Object.values(byKey).reduce((a, b) => a + b, 0);
    const total = runs.reduce((n, r) => n + r.simulatedMs, 0);
    expect(recorded).toBeLessThanOrEqual(total);
    expect(recorded).toBeGreaterThan(total * 0.9);
    const share = sendShare(byKey, total);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    expect(sending).toHaveLength(1);
  });

  it('gives a ratio to the baseline from the same kind of run', () => {
    const base = runBaseline({
      name: 'mail-merge',
      seed: 4,
      kind: 'workspace',
      count: 6,
      hours: 1,
    });
    const ratio = perEmail(sending, 6).msPerEmail / perEmail(base.runs, 6).msPerEmail;
    expect(ratio).toBeCloseTo(sending[0].simulatedMs / base.runs[0].simulatedMs, 1);
  });
});

describe('call classes', () => {
  it('tell sends and Gmail reads apart', () => {
    expect(isSendCall('Gmail.Users.Drafts.send')).toBe(true);
    expect(isSendCall('GmailApp.GmailThread.reply')).toBe(true);
    expect(isSendCall('Gmail.Users.Drafts.create')).toBe(false);
    expect(isGmailRead('Gmail.Users.History.list')).toBe(true);
    expect(isGmailRead('GmailApp.GmailThread.addLabel')).toBe(false);
    expect(isGmailRead('PropertiesService.getProperties')).toBe(false);
  });
});
