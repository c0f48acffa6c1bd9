// Recognises automatic replies: RFC 3834 Auto-Submitted, the X-Autoreply family, Precedence, and
// localized out-of-office subjects. Weak signals (bulk precedence, Exchange's suppression header)
// count only with an out-of-office subject or body, because a human reply must not be missed.
import { autoSubmittedOf, getHeader, MimeMessage, walkParts } from '../mime';
import { reportedRecipients, reportsOnlySuccess } from './bounce';
import {
  AUTO_REPLY_SUBJECTS,
  firstMatch,
  normalizeForMatching,
  OUT_OF_OFFICE_BODY,
} from './phrases';

interface HeaderRule {
  name: string;
  /** Returns the evidence, in words, when the rule holds. */
  test: (message: MimeMessage) => string | undefined;
}

const present =
  (name: string, pattern = /./) =>
  (message: MimeMessage) => {
    const value = getHeader(message.headers, name);
    return value !== undefined && pattern.test(value) ? `header ${name}: ${value}` : undefined;
  };

export const STRONG_HEADER_RULES: HeaderRule[] = [
  {
    // Delivery reports that name no failure (success DSNs) are automatic, not bounces.
    name: 'auto_reply.delivery_report',
    test: (message) => {
      const recipients = reportedRecipients(message);
      return reportsOnlySuccess({ recipients }) ? 'a delivery report without failures' : undefined;
    },
  },
  {
    name: 'auto_reply.read_receipt',
    test: (message) => {
      let receipt = false;
      walkParts(message.root, (part) => {
        if (part.type === 'message/disposition-notification') receipt = true;
      });
      const reportType = /report-type=["']?disposition-notification/i.test(
        getHeader(message.headers, 'Content-Type') ?? '',
      );
      return receipt || reportType ? 'a read receipt (disposition notification)' : undefined;
    },
  },
  {
    name: 'auto_reply.auto_submitted',
    test: (message) => {
      const value = autoSubmittedOf(message);
      return value && value !== 'no' ? `header Auto-Submitted: ${value}` : undefined;
    },
  },
  { name: 'auto_reply.x_autoreply', test: present('X-Autoreply', /^(?!\s*no\b)/i) },
  { name: 'auto_reply.x_autorespond', test: present('X-Autorespond') },
  { name: 'auto_reply.x_auto_response', test: present('X-Auto-Response') },
  { name: 'auto_reply.precedence_auto_reply', test: present('Precedence', /auto[_-]reply/i) },
];

export const WEAK_HEADER_RULES: HeaderRule[] = [
  { name: 'auto_reply.precedence_bulk', test: present('Precedence', /bulk|junk|list/i) },
  { name: 'auto_reply.auto_response_suppress', test: present('X-Auto-Response-Suppress') },
];

export interface AutoReplySignal {
  rule: string;
  reason: string;
}

const firstHeader = (rules: HeaderRule[], message: MimeMessage) => {
  for (const rule of rules) {
    const evidence = rule.test(message);
    if (evidence) return { rule: rule.name, evidence };
  }
  return undefined;
};

/** A subject that names an auto-reply, unless it is just the campaign's own subject. */
export function autoReplySubject(subject: string): AutoReplySignal | undefined {
  const match = firstMatch(AUTO_REPLY_SUBJECTS, normalizeForMatching(subject));
  return match ? { rule: match.rule.name, reason: `subject says "${match.phrase}"` } : undefined;
}

export function outOfOfficeBody(newText: string): AutoReplySignal | undefined {
  const match = firstMatch(OUT_OF_OFFICE_BODY, normalizeForMatching(newText));
  return match ? { rule: match.rule.name, reason: `the text says "${match.phrase}"` } : undefined;
}

/** Auto-reply by headers and subject: decided before any reading of intent. */
export function autoReplySignal(
  message: MimeMessage,
  subject: string,
  newText: string,
): AutoReplySignal | undefined {
  const strong = firstHeader(STRONG_HEADER_RULES, message);
  if (strong) return { rule: strong.rule, reason: strong.evidence };
  const bySubject = autoReplySubject(subject);
  if (bySubject) return bySubject;
  const weak = firstHeader(WEAK_HEADER_RULES, message);
  const byBody = weak && outOfOfficeBody(newText);
  return weak && byBody
    ? { rule: weak.rule, reason: `${weak.evidence} and ${byBody.reason}` }
    : undefined;
}
