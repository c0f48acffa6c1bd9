// The view models: plain data that use cases produce and card builders (src/ui) turn into cards.
// One section per feature; feature helpers append theirs (campaign, delegation, replies) below.
import type { CampaignState } from '../core/campaign';
import type { ReplyCategory } from '../core/replies/categories';
import type { Figures } from '../core/metrics';
import type { CandidateState } from '../core/sequence';

// ─── Shared ─────────────────────────────────────────────────────────────────────────────────────

/** A line a card shows above its content: something the user should know or do. */
export interface NoticeView {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

/** Something went wrong: what happened and what to do, in plain words (never a stack trace). */
export interface ErrorView {
  title: string;
  /** What happened and what to do. */
  message: string;
  /** The BatonError code, when there is one, for support. */
  code?: string;
  /** The form field at fault, when the error is about one. */
  field?: string;
}

// ─── Gmail home ─────────────────────────────────────────────────────────────────────────────────

/** Whether the running user's mailbox can send: what the home card shows first. */
export interface MailboxView {
  email: string;
  /** The hourly sending trigger is installed for this user. */
  triggerInstalled: boolean;
  /** Recipients Apps Script still lets this user mail today. */
  quotaLeftToday: number;
  /** Share of Baton's 500 KB user-properties store in use, 0–100. */
  storeUsedPercent: number;
}

/** One campaign as the home card lists it. */
export interface CampaignSummaryView {
  id: string;
  name: string;
  state: CampaignState;
  /** Why the campaign cannot send now (e.g. the sender must re-approve); absent when it can. */
  blockedReason?: string;
  /** Candidates in the campaign (those with progress recorded). */
  candidates: number;
  /** Candidates whose sequence is over (done, replied, opted out, bounced, stopped). */
  finished: number;
  /** Messages sent. */
  sent: number;
  /** Candidates who replied (opt-outs included). */
  replied: number;
  /** Candidates marked interested; null when the replies are not counted yet. */
  interested: number | null;
  spreadsheetUrl?: string;
}

/** A grant this user holds: a colleague's campaign they approved to send from their mailbox. */
export interface GrantView {
  campaignId: string;
  campaignName: string;
  /** Who asked (the campaign owner). */
  ownerEmail: string;
  state: 'active' | 'needs_reapproval';
}

export interface HomeView {
  mailbox: MailboxView;
  /** Paused or blocked campaigns first, then running, draft, ended. */
  campaigns: CampaignSummaryView[];
  grants: GrantView[];
  notices: NoticeView[];
}

// ─── Gmail, on an open message ──────────────────────────────────────────────────────────────────

/** The latest classification of a candidate's reply, and why. */
export interface ClassificationView {
  category: ReplyCategory;
  /** The category in words (Interested, Opted out, ...). */
  label: string;
  /** Why: the classifier's reason, or "Marked by you". */
  reason: string;
  /** A person chose it (mark interested / not interested). */
  byPerson: boolean;
}

/** A message of a campaign thread: the candidate and where they are in the sequence. */
export interface CampaignThreadView {
  kind: 'campaignThread';
  campaignId: string;
  campaignName: string;
  campaignState: CampaignState;
  candidateEmail: string;
  /** The candidate key (hashed address) the actions name. */
  candidate: string;
  /** Steps sent so far and steps in the sequence. */
  stepsSent: number;
  stepsTotal: number;
  state: CandidateState;
  /** The state in plain words. */
  stateText: string;
  classification?: ClassificationView;
}

// ─── Settings and Help ──────────────────────────────────────────────────────────────────────────

/** Defaults every new campaign starts from; the user's own, kept in their store. */
export interface CampaignDefaults {
  timeZone: string;
  /** Minutes after local midnight. */
  windowStartMinute: number;
  windowEndMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  dailyCap: number;
}

export interface SettingsView {
  defaults: CampaignDefaults;
  notices: NoticeView[];
}

export interface HelpView {
  /** Who is signed in: the first thing support asks. */
  email: string;
  triggerInstalled: boolean;
}

// ─── Delegation (sending on behalf of colleagues) ───────────────────────────────────────────────

/** What the authorize and review cards show: exactly what will be sent, and the limits. */
export interface ApprovalView {
  /** What the buttons carry back: the invitation token, or the campaign id of a review. */
  handle: string;
  kind: 'invitation' | 'review';
  ownerEmail: string;
  campaignName: string;
  fromName: string;
  fromEmail: string;
  steps: { subject: string; text: string; html: string; delayDays: number }[];
  recipients: number;
  dailyCap: number;
  /** ms since the epoch; 0 = no end date. */
  endAt: number;
  timeZone: string;
  /** Approval is refused if the content changed since the card showed this fingerprint. */
  fingerprint: string;
}

/** After an approval: "Connected — there is nothing else to do". */
export interface ConnectedView {
  ownerEmail: string;
  campaignName: string;
  fromEmail: string;
}

/** One invited colleague as the owner's Senders card lists them. */
export interface SenderStatusView {
  name: string;
  email: string;
  status:
    | 'Invited'
    | 'Active'
    | 'Needs re-approval'
    | 'Revoked'
    | 'Declined'
    | 'Needs reconnect'
    | 'Paused';
  /** What the owner can do about it, in plain words; '' when nothing. */
  advice: string;
  lastRun: string;
}

// ─── Replies: a campaign's figures (the replies feature) ────────────────────────────────────────

/** One line of figures: the whole campaign, one step or one sender, rates as people read them. */
export interface FiguresRowView extends Omit<Figures, 'replyRate' | 'interestRate'> {
  label: string;
  /** `21%`, or `—` when there is nothing to divide by. */
  replyRate: string;
  interestRate: string;
}

export interface CampaignFiguresView {
  campaignId: string;
  campaignName: string;
  total: FiguresRowView;
  bySteps: FiguresRowView[];
  bySenders: FiguresRowView[];
  /** The spreadsheet holding the Replies and Dashboard tabs. */
  spreadsheetUrl: string;
  notices: NoticeView[];
}
