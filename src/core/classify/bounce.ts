// Recognises delivery failures (RFC 3464 reports, Microsoft NDRs, Postfix, Exim, Yahoo and Gmail
// shapes) and grades them: the sender's own fault, a temporary (soft) failure, or a permanent one.
import {
  deliveryReports,
  fromAddress,
  getHeader,
  getRawHeader,
  MimeMessage,
  parseAddressList,
  readableText,
  RecipientStatus,
  subjectOf,
} from '../mime';
import { Category, ClassifyContext } from './types';

/** What makes a message a bounce at all; the first that holds names the shape. */
interface BounceMarker {
  name: string;
  holds: (message: MimeMessage, evidence: BounceEvidence) => boolean;
}

/** Everything a bounce says about why, gathered once. */
export interface BounceEvidence {
  recipients: RecipientStatus[];
  /** Diagnostic codes and the human-readable part of the bounce, lowercased. */
  text: string;
  /** Enhanced status codes: from the report's recipients, else from the text. */
  codes: string[];
  /** Failed addresses. */
  failed: string[];
}

const DAEMON_SENDER =
  /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounces?|mail delivery subsystem|microsoftexchange[0-9a-f]*)@/i;
const DAEMON_NAME =
  /^(mail delivery (subsystem|system)|mailer-daemon|microsoft outlook|postmaster)$/i;
const BOUNCE_SUBJECT =
  /(undeliverable|undelivered mail|delivery status notification|mail delivery failed|delivery failure|failure notice|returned mail|delivery has failed|message not delivered|could not be delivered|delivery (delayed|notification)|delayed mail|warning: message .* delayed|nicht zustellbar|unzustellbar|non remis|non distribuable|no entregado|no se puede entregar|onbestelbaar|niet bezorgd|配信不能|配送失敗|送信失敗)/i;

const BOUNCE_MARKERS: BounceMarker[] = [
  {
    name: 'bounce.dsn_report',
    holds: (message) =>
      deliveryReports(message).length > 0 ||
      (/multipart\/report/i.test(getHeader(message.headers, 'Content-Type') ?? '') &&
        /delivery-status/i.test(getHeader(message.headers, 'Content-Type') ?? '')),
  },
  {
    name: 'bounce.ms_ndr',
    holds: (message) => getHeader(message.headers, 'X-MS-Exchange-Message-Is-Ndr') !== undefined,
  },
  {
    name: 'bounce.x_failed_recipients',
    holds: (message) => !!getHeader(message.headers, 'X-Failed-Recipients'),
  },
  {
    name: 'bounce.daemon_sender',
    holds: (message) => {
      const from = fromAddress(message);
      const daemon = !!from && (DAEMON_SENDER.test(from.address) || DAEMON_NAME.test(from.name));
      return daemon && BOUNCE_SUBJECT.test(subjectOf(message));
    },
  },
  {
    name: 'bounce.subject',
    holds: (message) =>
      /^(undeliverable|unzustellbar|non remis|no entregado|onbestelbaar)\s?:/i.test(
        subjectOf(message),
      ),
  },
];

/** How bad a bounce is; first match wins, sender-side faults before the recipient's. */
interface SeverityRule {
  name: string;
  /** What happened, in plain words, for the Replies tab and the thread card. */
  words: string;
  category: Category;
  senderSide?: boolean;
  holds: (evidence: BounceEvidence) => boolean;
}

const anyCode = (evidence: BounceEvidence, pattern: RegExp): boolean =>
  evidence.codes.some((code) => pattern.test(code));

const SEVERITY_RULES: SeverityRule[] = [
  {
    name: 'bounce.sender_side.sending_limit',
    words: 'the sending mailbox reached a sending limit',
    category: 'bounce_soft',
    senderSide: true,
    holds: (e) =>
      anyCode(e, /^(5\.4\.5|4\.7\.28|5\.7\.708|5\.7\.705)$/) ||
      /sending (limit|quota)|daily (user )?sending|limit for sending|message rate limit|too many messages|sender.{0,20}quota/.test(
        e.text,
      ),
  },
  {
    name: 'bounce.sender_side.send_as',
    words: 'the From address is not one this mailbox may send as',
    category: 'bounce_soft',
    senderSide: true,
    holds: (e) =>
      anyCode(e, /^5\.7\.60$/) ||
      /send ?as ?denied|send mail as|(not|isn't|is not) (authorized|permitted|allowed) to send (as|on behalf)|permission to send as|sender address (rejected|not owned)|not owned by (user|the authenticated)/.test(
        e.text,
      ),
  },
  {
    // The recipient's own restrictions (internal-only groups, blocked senders) refuse this
    // candidate for good; they are not a fault of the sending side.
    name: 'bounce_hard.recipient_restriction',
    words: "the recipient's organisation accepts no mail from this sender",
    category: 'bounce_hard',
    holds: (e) =>
      /resolver\.rst\.|not authorized to send to this recipient|only accepts (mail|messages) from|does not accept (mail|messages) from (outside|external)/.test(
        e.text,
      ),
  },
  {
    name: 'bounce.sender_side.policy',
    words:
      'a policy refused the mail (authentication such as SPF, DKIM or DMARC, or a sending rule)',
    category: 'bounce_soft',
    senderSide: true,
    holds: (e) =>
      anyCode(e, /^[45]\.7\.\d+$/) ||
      /\b(spf|dkim|dmarc)\b|authentication (required|failed)|unauthenticated (email|mail|sender)|relay(ing)? (access )?denied|blocked (for|as) spam|sender reputation/.test(
        e.text,
      ),
  },
  {
    name: 'bounce_soft.mailbox_full',
    words: "the recipient's mailbox is full",
    category: 'bounce_soft',
    holds: (e) =>
      anyCode(e, /^[45]\.2\.2$/) ||
      /mailbox (is )?full|over (the )?quota|quota exceeded|exceeded (the|its|their) (storage|quota)|insufficient (system )?storage|postfach .{0,20}voll|boîte .{0,20}pleine|buzón .{0,20}lleno|mailbox vol/.test(
        e.text,
      ),
  },
  {
    name: 'bounce_soft.temporary',
    words: 'a temporary failure; the server may still deliver it',
    category: 'bounce_soft',
    holds: (e) =>
      anyCode(e, /^4\./) ||
      (e.recipients.length > 0 && e.recipients.every((r) => r.action === 'delayed')) ||
      (!anyCode(e, /^5\./) &&
        /delayed|temporar|try again later|will (continue|keep) trying|will retry|greylist|deferred/.test(
          e.text,
        )),
  },
  {
    name: 'bounce_hard.permanent',
    words: 'the address does not exist or no longer accepts mail',
    category: 'bounce_hard',
    holds: (e) =>
      anyCode(e, /^5\./) ||
      e.recipients.some((r) => r.action === 'failed') ||
      /user unknown|does not exist|doesn't exist|no such (user|mailbox|address|recipient)|address rejected|recipient not found|unknown (user|recipient|address)|invalid (recipient|address|mailbox)|account (has been |is )?disabled|doesn't have a .{1,40} account|permanent (error|failure)/.test(
        e.text,
      ),
  },
  {
    name: 'bounce_hard.unspecified',
    words: 'the server said it could not deliver it, without a reason Baton knows',
    category: 'bounce_hard',
    holds: () => true,
  },
];

/** Where bounces start quoting the original message; the original's words must not count. */
const ORIGINAL_COPY_STARTS =
  /^.*(this is a copy of the message|original message follows|below this line is a copy|original message headers|------ original message|--- the original message|the header of the original message|return-path: ).*$/im;

const ENHANCED_CODE = /(?<![\d.])([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)/g;
const EMAIL = /[a-z0-9._%+'-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/** The recipient groups of every delivery report in the message. */
export function reportedRecipients(message: MimeMessage): RecipientStatus[] {
  return ([] as RecipientStatus[]).concat(
    ...deliveryReports(message).map((report) => report.recipients),
  );
}

function gatherEvidence(message: MimeMessage, context: ClassifyContext): BounceEvidence {
  const recipients = reportedRecipients(message);
  let body = readableText(message);
  const copy = ORIGINAL_COPY_STARTS.exec(body);
  if (copy) body = body.slice(0, copy.index);
  const text = [...recipients.map((r) => r.diagnosticCode), body].join('\n').toLowerCase();
  const reported = recipients.map((r) => r.status).filter((code) => code !== '');
  const codes = reported.length > 0 ? reported : (text.match(ENHANCED_CODE) ?? []);
  const own = new Set((context.senderAddresses ?? []).map((a) => a.toLowerCase()));
  const headerFailed = parseAddressList(getRawHeader(message.headers, 'X-Failed-Recipients')).map(
    (a) => a.address,
  );
  const listed = recipients
    .filter((r) => r.action !== 'delivered' && r.action !== 'relayed')
    .map((r) => r.recipient);
  const mentioned = (body.match(EMAIL) ?? []).map((a) => a.toLowerCase());
  const failed = [
    ...listed,
    ...headerFailed,
    ...(listed.length + headerFailed.length > 0 ? [] : mentioned),
  ].filter(
    (address, i, all) =>
      address !== '' &&
      !own.has(address) &&
      !DAEMON_SENDER.test(address) &&
      all.indexOf(address) === i,
  );
  return { recipients, text, codes, failed: failed.slice(0, 10) };
}

/** A delivery report whose every recipient was delivered or relayed is no failure. */
export function reportsOnlySuccess(evidence: { recipients: RecipientStatus[] }): boolean {
  const { recipients } = evidence;
  const success = (r: RecipientStatus): boolean =>
    /^(delivered|relayed|expanded)$/.test(r.action) || /^2\./.test(r.status);
  return recipients.length > 0 && recipients.every(success);
}

export interface BounceVerdict {
  category: Category;
  rule: string;
  reason: string;
  senderSide: boolean;
  failedRecipients: string[];
  status?: string;
}

/** The bounce verdict, or undefined when the message is not a delivery failure. */
export function classifyBounce(
  message: MimeMessage,
  context: ClassifyContext,
): BounceVerdict | undefined {
  const evidence = gatherEvidence(message, context);
  const marker = BOUNCE_MARKERS.find((m) => m.holds(message, evidence));
  if (!marker || reportsOnlySuccess(evidence)) return undefined;
  const severity =
    SEVERITY_RULES.find((r) => r.holds(evidence)) ?? SEVERITY_RULES[SEVERITY_RULES.length - 1];
  const status = evidence.codes[0];
  const who = evidence.failed.length > 0 ? ` to ${evidence.failed.join(', ')}` : '';
  const code = status ? ` (status ${status})` : '';
  const blame = severity.senderSide ? '; the sending side is at fault, not the candidate' : '';
  return {
    category: severity.category,
    rule: severity.name,
    reason: `Not delivered${who}${code}: ${severity.words}${blame}.`,
    senderSide: !!severity.senderSide,
    failedRecipients: evidence.failed,
    status,
  };
}
