// A bounce caused by the sending side pauses the campaign: the words that tell the owner what
// happened and what to do (status cells, home card, one mail), and the two Senders-row statuses
// through which a colleague's mailbox and the owner hand that pause back and forth.
import type { Verdict } from './act';

interface Cause {
  what: string;
  todo: string;
}

/** By the classifier's rule (core/classify/bounce.ts): why the mailbox could not send, what to do. */
const CAUSES: Record<string, Cause> = {
  'bounce.sender_side.sending_limit': {
    what: 'the mailbox reached a sending limit (quota or rate)',
    todo: 'Wait until the limit resets (usually 24 hours), or lower the campaign’s daily cap.',
  },
  'bounce.sender_side.send_as': {
    what: 'the From address is not a verified send-as address of the mailbox',
    todo: 'Verify the address in Gmail settings (Accounts → Send mail as), or choose another sender.',
  },
  'bounce.sender_side.policy': {
    what: 'a policy refused mail from the mailbox (5.7.x: authentication such as SPF, DKIM or DMARC, or a sending rule)',
    todo: 'Ask your Workspace admin to check the domain’s SPF, DKIM and DMARC records and outbound rules for this mailbox.',
  },
};
const UNKNOWN: Cause = {
  what: 'of a problem on the sending side',
  todo: 'Read the bounce in the mailbox to see what the server said, and fix it.',
};

export function causeOf(verdict: Pick<Verdict, 'rule'>): Cause {
  return CAUSES[verdict.rule] ?? UNKNOWN;
}

/** The status code a bounce reason quotes (`status 5.7.26`), '' when none. */
function statusCode(reason: string): string {
  return /status ([245]\.\d{1,3}\.\d{1,3})/.exec(reason)?.[1] ?? '';
}

/** What the paused campaign's waiting rows and the owner's home card say. */
export function pauseReason(verdict: Pick<Verdict, 'rule' | 'reason'>, mailbox: string): string {
  const cause = causeOf(verdict);
  const code = statusCode(verdict.reason);
  return (
    `Paused by Baton: mail from ${mailbox} bounced because ${cause.what}` +
    `${code ? ` (status ${code})` : ''}. ${cause.todo} Then resume the campaign.`
  );
}

/** The one mail the pausing mailbox sends the campaign's owner. */
export function pauseMail(
  campaignName: string,
  mailbox: string,
  verdict: Pick<Verdict, 'rule' | 'reason'>,
  candidate: string,
): { subject: string; lines: string[] } {
  const cause = causeOf(verdict);
  const code = statusCode(verdict.reason);
  return {
    subject: `Baton paused "${campaignName}": mail from ${mailbox} bounced`,
    lines: [
      `Baton paused your campaign "${campaignName}". Mail sent from ${mailbox}` +
        `${candidate ? ` to ${candidate}` : ''} bounced because ${cause.what}` +
        `${code ? ` (status ${code})` : ''}.`,
      '',
      'This is not the candidate’s fault, so their sequence goes on once the campaign runs again.',
      `The server said: ${verdict.reason}`,
      '',
      `What to do: ${cause.todo}`,
      'Then open Baton, open the campaign and press Resume.',
    ],
  };
}

/** The Senders-row status of a colleague's mailbox while Baton keeps its copy paused. */
const PAUSED = /^Paused by Baton (\d{4}-\d{2}-\d{2}T[\d:.]+Z): ([\s\S]*)$/;
/** Written by the owner's side when the owner resumes a campaign such a pause stopped. */
const RESUMED = /^Resumed by the owner (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/;

export function pausedStatus(at: number, reason: string): string {
  return `Paused by Baton ${new Date(at).toISOString()}: ${reason}`;
}

export function readPausedStatus(status: string): { at: number; reason: string } | undefined {
  const m = PAUSED.exec(status.trim());
  return m ? { at: Date.parse(m[1]), reason: m[2] } : undefined;
}

export function resumedStatus(at: number): string {
  return `Resumed by the owner ${new Date(at).toISOString()}`;
}

export function readResumedStatus(status: string): number | undefined {
  const m = RESUMED.exec(status.trim());
  return m ? Date.parse(m[1]) : undefined;
}
