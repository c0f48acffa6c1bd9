// The candidates of a campaign's tab as they stand now: one read of the tab (the spreadsheet
// adapter keeps what it read for the rest of the execution), parsed by core/roster.
import type { Campaign } from '../core/campaign';
import { readRoster, type Roster } from '../core/roster';
import type { Ports } from '../ports';

/** Where a campaign's candidates are: its tab, and the email column chosen (if any). */
export type RosterSource = Pick<Campaign, 'spreadsheetId' | 'tabName'> & { emailHeader?: string };

export function campaignRoster(ports: Ports, source: RosterSource): Roster {
  return readRoster(ports.sheets.readTab(source.spreadsheetId, source.tabName), source.emailHeader);
}
