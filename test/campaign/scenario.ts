// A campaign set up through the use cases on a FakeWorld, and a clock that runs the hourly tick,
// shared by the tests of the sending tick.
import {
  createCampaignFromTab,
  launch,
  updateSettings,
  updateSteps,
} from '../../src/app/campaigns';
import { runSendingTick, type TickReport } from '../../src/app/sending';
import type { Campaign, Step } from '../../src/core/campaign';
import type { CellValue } from '../../src/ports';
import { FakeWorld, Killed } from './fakes';

export const SHEET = 'sheet-1';
export const TAB = 'Candidates';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function candidateRows(count: number): CellValue[][] {
  const rows: CellValue[][] = [['Email', 'First name', 'Company']];
  for (let i = 1; i <= count; i++) rows.push([`candidate${i}@example.org`, `Name${i}`, `Co ${i}`]);
  return rows;
}

export const THREE_STEPS: Step[] = [
  {
    subject: 'Role at {{Company}}',
    text: 'Hi {{First name}}, interested?',
    html: '',
    delayDays: 0,
  },
  { subject: '', text: 'Hi {{First name|there}}, a quick follow-up.', html: '', delayDays: 3 },
  {
    subject: '',
    text: 'Last note, {{First name}}.',
    html: '<p>Last note, {{First name}}.</p>',
    delayDays: 4,
  },
];

export interface Setup {
  timeZone?: string;
  dailyCap?: number;
  steps?: Step[];
  rows?: CellValue[][];
}

export function setUpCampaign(world: FakeWorld, setup: Setup = {}): Campaign {
  world.sheets.set(`${SHEET}/${TAB}`, setup.rows ?? candidateRows(5));
  const ports = world.ports();
  const zone = setup.timeZone ?? 'America/New_York';
  const campaign = createCampaignFromTab(ports, {
    spreadsheetId: SHEET,
    tabName: TAB,
    timeZone: zone,
  });
  updateSteps(ports, campaign.id, setup.steps ?? THREE_STEPS);
  updateSettings(ports, campaign.id, {
    ...campaign.settings,
    dailyCap: setup.dailyCap ?? 50,
  });
  const launched = launch(ports, campaign.id);
  world.endExecution();
  return launched;
}

/**
 * Runs the tick once an hour (at minute 17, as a trigger fires within its hour) for `hours`.
 * `killAt(tick)` may name the port call at which that tick's execution dies.
 */
export function runHourly(
  world: FakeWorld,
  hours: number,
  killAt: (tick: number) => number | undefined = () => undefined,
): { reports: TickReport[]; callsPerTick: number[]; killed: number } {
  const reports: TickReport[] = [];
  const callsPerTick: number[] = [];
  let killed = 0;
  const start = Math.floor(world.now / HOUR) * HOUR;
  for (let tick = 0; tick < hours; tick++) {
    world.now = Math.max(world.now, start + tick * HOUR + 17 * 60_000);
    const ports = world.ports(killAt(tick));
    try {
      reports.push(runSendingTick(ports));
    } catch (error) {
      if (!(error instanceof Killed)) throw error;
      killed++;
    } finally {
      callsPerTick.push(ports.calls());
      world.endExecution();
    }
  }
  return { reports, callsPerTick, killed };
}
