// The view models of the campaign cards (Sheets list, editor, step editor, preview), gathered
// from the store and one read of the campaign's tab.
import type { Campaign } from '../core/campaign';
import { variableHeaders } from '../core/roster';
import { NEW_PROGRESS } from '../core/sequence';
import type { Ports } from '../ports';
import { getCampaign, launchProblems, listCampaigns } from './campaigns';
import { campaignRoster } from './roster';
import { StoreSession } from './store';

export interface CampaignListView {
  spreadsheetId: string;
  tabs: string[];
  campaigns: {
    id: string;
    name: string;
    state: Campaign['state'];
    tabName: string;
    sent: number;
  }[];
}

export interface CampaignEditorView {
  campaign: Campaign;
  /** The header of the detected (or chosen) email column; '' when there is none. */
  emailHeader: string;
  variables: string[];
  rows: number;
  /** What stops a launch (empty when it can go). */
  problems: string[];
  /** Per step: how many candidates have been sent it. */
  sentPerStep: number[];
  /** Candidates out of the sequence, by reason. */
  stopped: Record<string, number>;
  spreadsheetUrl: string;
  /** The user's Gmail drafts a step's body may be copied from. */
  drafts: { id: string; subject: string }[];
}

export function campaignList(ports: Ports, spreadsheetId: string): CampaignListView {
  const session = new StoreSession(ports.store);
  return {
    spreadsheetId,
    tabs: ports.sheets.tabNames(spreadsheetId),
    campaigns: listCampaigns(ports, spreadsheetId).map((c) => {
      let sent = 0;
      session.data.progress.get(c.id)?.candidates.forEach((p) => (sent += p.sent));
      return { id: c.id, name: c.name, state: c.state, tabName: c.tabName, sent };
    }),
  };
}

export function campaignEditor(ports: Ports, id: string, withDrafts = false): CampaignEditorView {
  const campaign = getCampaign(ports, id);
  const roster = campaignRoster(ports, campaign);
  const progress = new StoreSession(ports.store).data.progress.get(id);
  const sentPerStep = campaign.steps.map(() => 0);
  const stopped: Record<string, number> = {};
  progress?.candidates.forEach((p = NEW_PROGRESS) => {
    for (let s = 0; s < Math.min(p.sent, sentPerStep.length); s++) sentPerStep[s]++;
    if (p.state !== 'active') stopped[p.state] = (stopped[p.state] ?? 0) + 1;
  });
  return {
    campaign,
    emailHeader: roster.emailColumn >= 0 ? roster.headers[roster.emailColumn] : '',
    variables: variableHeaders(roster.headers, roster.emailColumn),
    rows: roster.candidates.length,
    problems: campaign.state === 'draft' ? launchProblems(campaign, roster) : [],
    sentPerStep,
    stopped,
    spreadsheetUrl: ports.sheets.url(campaign.spreadsheetId),
    drafts: withDrafts ? ports.mailbox.listDrafts().slice(0, 30) : [],
  };
}
