// The campaign use cases the cards call: create from a tab, edit steps, settings and sender,
// preview a row, send a test, launch, pause, resume, end. Each records intent
// in the store and returns at once; the hourly tick does the sending.
import {
  campaignLabel,
  validateSettings,
  validateSteps,
  type Campaign,
  type CampaignSettings,
  type Sender,
  type Step,
} from '../core/campaign';
import { BatonError } from '../core/errors';
import { shortHash } from '../core/hash';
import { composeMessage } from '../core/message/compose';
import { mergeStep } from '../core/merge';
import { invalidEmailReason, normaliseEmail, variableHeaders, type Roster } from '../core/roster';
import { emptyProgress } from '../core/store';
import { unknownVariables } from '../core/template';
import type { Ports } from '../ports';
import { publishToSenders } from './delegation/publish';
import { campaignRoster } from './roster';
import { StoreSession } from './store';
import { newCampaignSettings } from './home';
import { ensureHourlyTick } from './triggers';

export interface NewCampaign {
  spreadsheetId: string;
  tabName: string;
  name?: string;
  /** The zone of the send window (the user's, from the card event). */
  timeZone: string;
  /** The header of the email column, when the user chose it. */
  emailHeader?: string;
}

function load(ports: Ports, id: string): { session: StoreSession; campaign: Campaign } {
  const session = new StoreSession(ports.store);
  const campaign = session.data.campaigns.get(id);
  if (!campaign)
    throw new BatonError('NO_CAMPAIGN', 'This campaign no longer exists: open the list again.');
  return { session, campaign };
}

function update(ports: Ports, id: string, change: (campaign: Campaign) => void): Campaign {
  const { session, campaign } = load(ports, id);
  change(campaign);
  session.save();
  // A colleague who sends this campaign must see the change (and re-approve new content).
  publishToSenders(ports, campaign);
  return campaign;
}

export function createCampaignFromTab(ports: Ports, input: NewCampaign): Campaign {
  const roster = campaignRoster(ports, input);
  if (roster.emailColumn < 0)
    throw new BatonError(
      'NO_EMAIL_COLUMN',
      input.emailHeader
        ? `The tab "${input.tabName}" has no column "${input.emailHeader}".`
        : `No email column found in "${input.tabName}": name a header "Email" or choose the column.`,
      'emailHeader',
    );
  const now = ports.clock.now();
  const me = ports.identity.email();
  const session = new StoreSession(ports.store);
  const campaign: Campaign = {
    id: `c${shortHash(ports.ids.newId()).slice(0, 8)}`,
    name: (input.name ?? '').trim() || input.tabName,
    owner: me,
    spreadsheetId: input.spreadsheetId,
    tabName: input.tabName,
    emailHeader: roster.headers[roster.emailColumn],
    steps: [],
    settings: newCampaignSettings(ports, input.timeZone),
    sender: { email: me, name: '', kind: 'self' },
    state: 'draft',
    createdAt: now,
  };
  validateSettings(campaign.settings);
  session.data.campaigns.set(campaign.id, campaign);
  session.data.progress.set(campaign.id, emptyProgress());
  session.save();
  return campaign;
}

export function updateSteps(ports: Ports, id: string, steps: Step[]): Campaign {
  validateSteps(steps);
  return update(ports, id, (c) => {
    if (c.state === 'ended') throw new BatonError('ENDED', 'This campaign has ended.');
    c.steps = steps.map((s) => ({ ...s }));
  });
}

/** Copies subject and body of one of the user's Gmail drafts into a step. */
export function stepFromDraft(ports: Ports, draftId: string, delayDays: number): Step {
  const draft = ports.mailbox.readDraft(draftId);
  return {
    subject: draft.subject,
    text: draft.text,
    html: draft.html,
    delayDays,
    fromDraftId: draftId,
  };
}

export function updateSettings(ports: Ports, id: string, settings: CampaignSettings): Campaign {
  validateSettings(settings);
  return update(ports, id, (c) => {
    c.settings = { ...settings, window: { ...settings.window } };
  });
}

/**
 * Sets who sends the campaign. A colleague can only become the sender through an invitation
 * (`invitedColleague`): their own tick sends, and only content they approved, so naming them
 * here directly would leave the campaign with nobody to send it.
 */
export function chooseSender(
  ports: Ports,
  id: string,
  sender: { email: string; name: string },
  invitedColleague = false,
): Campaign {
  const email = normaliseEmail(sender.email);
  const invalid = invalidEmailReason(email);
  if (invalid) throw new BatonError('BAD_SENDER', invalid, 'senderEmail');
  const me = normaliseEmail(ports.identity.email());
  const mine = ports.mailbox.sendAsAddresses().map(normaliseEmail);
  const kind: Sender['kind'] = email === me ? 'self' : mine.includes(email) ? 'alias' : 'colleague';
  if (kind === 'colleague' && !invitedColleague)
    throw new BatonError(
      'SENDER_NOT_CONNECTED',
      `${email} is neither your mailbox nor one of its send-as aliases. To send from a colleague's mailbox, press "Send as a colleague…": they approve the mail in their own Gmail first.`,
      'senderEmail',
    );
  return update(ports, id, (c) => {
    c.sender = { email, name: sender.name.trim(), kind };
  });
}

export interface RowPreview {
  row: number;
  to: string;
  step: number;
  subject: string;
  text: string;
  html: string;
  /** Variables empty in this row without a fallback: the step is not sent to it. */
  missing: string[];
  /** Placeholders that match no column (typos). */
  unknown: string[];
  /** Why this row is skipped altogether, if it is. */
  skipped?: string;
}

export function previewRow(ports: Ports, id: string, row: number, step = 1): RowPreview {
  return previewOf(ports, load(ports, id).campaign, row, step);
}

function previewOf(ports: Ports, campaign: Campaign, row: number, step: number): RowPreview {
  if (step < 1 || step > campaign.steps.length)
    throw new BatonError('NO_STEP', `Step ${step} does not exist: add steps first.`, 'step');
  const roster = campaignRoster(ports, campaign);
  const skipped = roster.skipped.find((s) => s.row === row);
  const candidate = roster.candidates.find((c) => c.row === row);
  if (!candidate && !skipped)
    throw new BatonError(
      'NO_ROW',
      `Row ${row} has no candidate: choose a row from 2 to ${roster.rowCount + 1}.`,
      'row',
    );
  const merged = mergeStep(campaign, step, candidate?.vars ?? skipped?.vars ?? {});
  const s = campaign.steps[step - 1];
  return {
    row,
    to: candidate?.email ?? '',
    step,
    ...merged,
    unknown: unknownVariables(
      [s.subject, s.text, s.html],
      variableHeaders(roster.headers, roster.emailColumn),
    ),
    skipped: skipped?.reason,
  };
}

/** Sends the merged step for one row to the campaign owner, marked as a test. */
export function sendTest(ports: Ports, id: string, row: number, step = 1): string {
  const { campaign } = load(ports, id);
  const preview = previewOf(ports, campaign, row, step);
  if (preview.missing.length > 0)
    throw new BatonError(
      'MISSING_VARIABLES',
      `Row ${row} leaves ${preview.missing.map((m) => `{{${m}}}`).join(', ')} empty: the test would not match what is sent.`,
      'row',
    );
  const me = ports.identity.email();
  const raw = composeMessage({
    from: { email: me, name: campaign.sender.name },
    to: { email: me },
    subject: `[Test] ${preview.subject}`,
    text: preview.text,
    html: preview.html,
  });
  ports.mailbox.send({ raw });
  return me;
}

/** What stops a launch, in plain words; empty when the campaign can go. */
export function launchProblems(campaign: Campaign, roster: Roster): string[] {
  const problems: string[] = [];
  if (campaign.steps.length === 0) problems.push('Add at least one step.');
  try {
    validateSteps(campaign.steps);
    validateSettings(campaign.settings);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const templates = campaign.steps.flatMap((s) => [s.subject, s.text, s.html]);
  const unknown = unknownVariables(templates, variableHeaders(roster.headers, roster.emailColumn));
  if (unknown.length > 0)
    problems.push(
      `No column matches ${unknown.map((u) => `{{${u}}}`).join(', ')}: fix the step or add the column.`,
    );
  if (roster.emailColumn < 0) problems.push('The tab has no email column any more.');
  return problems;
}

export function launch(ports: Ports, id: string): Campaign {
  const { session, campaign } = load(ports, id);
  if (campaign.state !== 'draft')
    throw new BatonError('ALREADY_LAUNCHED', 'This campaign was launched already: use Resume.');
  const problems = launchProblems(campaign, campaignRoster(ports, campaign));
  if (problems.length > 0) throw new BatonError('NOT_READY', problems.join(' '));
  campaign.state = 'running';
  campaign.launchedAt = ports.clock.now();
  // Made now, in the owner's mailbox: the campaign shows in Gmail at once, and ticks need not look.
  if (campaign.sender.kind !== 'colleague')
    campaign.labelId = ports.mailbox.ensureLabel(campaignLabel(campaign));
  session.save();
  publishToSenders(ports, campaign);
  if (campaign.sender.kind !== 'colleague') ensureHourlyTick(ports);
  return campaign;
}

function transition(ports: Ports, id: string, from: Campaign['state'][], to: Campaign['state']) {
  return update(ports, id, (c) => {
    if (!from.includes(c.state))
      throw new BatonError(
        'BAD_STATE',
        `A ${c.state} campaign cannot be ${to === 'running' ? 'resumed' : to}.`,
      );
    c.state = to;
  });
}

/** Nothing is sent while paused; what fell due is sent after Resume, nothing is dropped. */
export const pause = (ports: Ports, id: string) => transition(ports, id, ['running'], 'paused');
export const resume = (ports: Ports, id: string) => transition(ports, id, ['paused'], 'running');
/**
 * Ends for good: the next tick writes final statuses and retires the campaign from the store. A
 * campaign never launched has nothing to write back: it is deleted at once.
 */
export function end(ports: Ports, id: string): Campaign {
  const { session, campaign } = load(ports, id);
  if (campaign.state !== 'draft') return transition(ports, id, ['running', 'paused'], 'ended');
  session.data.campaigns.delete(id);
  session.data.progress.delete(id);
  session.save();
  return { ...campaign, state: 'ended' };
}

export function listCampaigns(ports: Ports, spreadsheetId?: string): Campaign[] {
  const session = new StoreSession(ports.store);
  return [...session.data.campaigns.values()]
    .filter((c) => !spreadsheetId || c.spreadsheetId === spreadsheetId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

export function getCampaign(ports: Ports, id: string): Campaign {
  return load(ports, id).campaign;
}
