// classifyReply: what a message that arrived on a campaign thread is — a bounce, an auto-reply, an
// opt-out or a human's interest, lack of it, or neither. Pure; the order of checks is the policy.
import { dateOf, getHeader, MimeMessage, parseMessage, subjectOf } from '../mime';
import { autoReplySignal, outOfOfficeBody } from './autoReply';
import { classifyBounce } from './bounce';
import { firstMatch, INTENT_RULES, normalizeForMatching } from './phrases';
import { extractNewText } from './quotes';
import { findReturnDate, writerOffsetMinutes } from './returnDate';
import { Classification, ClassifyContext } from './types';

export * from './types';
export { extractNewText, stripQuotedText } from './quotes';
export { findReturnDate } from './returnDate';

const REPLY_PREFIX =
  /^\s*((re|aw|wg|fw|fwd|tr|rv|r|sv|vs|antw|odp|返信|回复)\s*(\[\d+\])?\s*[:：]\s*)+/i;

/** Automatic messages that say nothing about anyone's absence: their dates are not return dates. */
const NOT_ABSENCES = ['auto_reply.delivery_report', 'auto_reply.read_receipt'];

/** The subject without Re:/AW:/TR:… prefixes. */
export function stripReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim();
}

/** The subject is the candidate's own words only when it is neither a reply's nor the campaign's. */
function ownSubject(subject: string, context: ClassifyContext): string {
  if (REPLY_PREFIX.test(subject)) return '';
  const bare = normalizeForMatching(stripReplyPrefixes(subject));
  const sent = (context.sentSubjects ?? []).map((s) => normalizeForMatching(stripReplyPrefixes(s)));
  return sent.indexOf(bare) >= 0 ? '' : bare;
}

export function classifyReply(message: MimeMessage, context: ClassifyContext = {}): Classification {
  const newText = extractNewText(message, context);
  const bounce = classifyBounce(message, context);
  if (bounce) {
    const { category, rule, reason, senderSide, failedRecipients, status } = bounce;
    return {
      category,
      rule,
      reason,
      senderSide,
      failedRecipients,
      ...(status ? { status } : {}),
      newText,
    };
  }
  const subject = ownSubject(subjectOf(message), context);
  const returnDateOf = () => {
    const sentAt = dateOf(message);
    const offset = writerOffsetMinutes(
      getHeader(message.headers, 'Date'),
      sentAt,
      context.timeZone,
    );
    return findReturnDate(subjectOf(message) + '\n' + newText, sentAt, offset);
  };
  const auto = autoReplySignal(message, subject, newText);
  if (auto && NOT_ABSENCES.indexOf(auto.rule) >= 0)
    return { category: 'auto_reply', ...auto, newText };
  if (auto) return withReturnDate({ category: 'auto_reply', ...auto, newText }, returnDateOf());

  const text = normalizeForMatching(newText);
  if (text === '' && subject === '') {
    return {
      category: 'neutral',
      rule: 'neutral.empty',
      reason: 'the reply has no text of its own',
      newText,
    };
  }
  // The subject speaks for the candidate only about stopping mail ("Unsubscribe" as a subject).
  const intent =
    firstMatch(INTENT_RULES, text) ??
    firstMatch(
      INTENT_RULES.filter((r) => r.category === 'opt_out'),
      subject,
    );
  if (intent) {
    return {
      category: intent.rule.category,
      rule: intent.rule.name,
      reason: `the reply says "${intent.phrase}"`,
      newText,
    };
  }
  const away = outOfOfficeBody(newText);
  if (away) return withReturnDate({ category: 'auto_reply', ...away, newText }, returnDateOf());
  if (text.indexOf('?') >= 0) {
    return {
      category: 'neutral',
      rule: 'neutral.question',
      reason: 'a question without a yes or no',
      newText,
    };
  }
  return {
    category: 'neutral',
    rule: 'neutral.no_intent',
    reason: 'no phrase of interest, refusal or opt-out',
    newText,
  };
}

function withReturnDate(result: Classification, returnDate: string | undefined): Classification {
  return returnDate ? { ...result, returnDate } : result;
}

/** Parses and classifies a raw message in one step (binary string or bytes). */
export function classifyRawMessage(
  raw: string | ArrayLike<number>,
  context: ClassifyContext = {},
): Classification {
  return classifyReply(parseMessage(raw), context);
}
