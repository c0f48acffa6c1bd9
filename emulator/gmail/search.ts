// Gmail's search language for the emulator: label:, in:, is:, from:, to:, cc:, subject:,
// after:/before:, newer_than:/older_than:, rfc822msgid:, has:attachment, -negation, quoted
// phrases, plain words, and alternatives ({a b}, a OR b). Dates written yyyy/mm/dd are read as midnight UTC (see docs).
import { type Mailbox, type StoredMessage, messageHeader } from './mail-system';

/** One condition: `-op:value`, `op:"quoted value"`, `"phrase"` or `word` (operator ''). */
interface Condition {
  negated: boolean;
  operator: string;
  value: string;
}
/** Alternatives, `{a b}` or `a OR b`: match when any of their terms does. */
interface AnyOf {
  negated: boolean;
  anyOf: Term[];
}
type Term = Condition | AnyOf;

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = {
  d: DAY_MS,
  m: 30 * DAY_MS,
  y: 365 * DAY_MS,
  h: DAY_MS / 24,
};

/**
 * Splits a query into terms: `-op:value`, `op:"quoted value"`, `"phrase"`, `word`, and Gmail's
 * alternatives: `{a b c}` (any of them) and `a OR b`.
 */
function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const pattern = /(-?)\{([^}]*)\}|(-?)(?:([a-z_0-9]+):)?(?:"([^"]*)"|([^\s{}]+))/gi;
  let or = false;
  for (const match of query.matchAll(pattern)) {
    const [, groupMinus, group, minus, operator, quoted, bare] = match;
    let term: Term;
    if (group !== undefined) {
      term = { negated: groupMinus === '-', anyOf: parseQuery(group) };
    } else {
      const value = quoted ?? bare ?? '';
      if (!operator && quoted === undefined && value === 'OR' && terms.length > 0) {
        or = true;
        continue;
      }
      if (!operator && value.toUpperCase() === 'AND') continue;
      term = { negated: minus === '-', operator: (operator ?? '').toLowerCase(), value };
    }
    if (or) {
      // `a OR b OR c` and `{a b} OR c` are both any of a, b, c: extend a plain group in place
      const previous = terms.pop() as Term;
      const alternatives = 'anyOf' in previous && !previous.negated ? previous.anyOf : [previous];
      terms.push({ negated: false, anyOf: [...alternatives, term] });
      or = false;
    } else terms.push(term);
  }
  return terms;
}

/** Gmail writes label names in queries lowercased, with spaces and slashes as dashes. */
const labelKey = (name: string): string => name.toLowerCase().replace(/[\s/]+/g, '-');

function parseDate(value: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (!match) throw new Error(`Invalid date in search query: ${value} (expected yyyy/mm/dd).`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function parseAge(value: string): number {
  const match = /^(\d+)([dmyh])$/i.exec(value);
  if (!match) throw new Error(`Invalid age in search query: ${value} (expected e.g. 7d, 2m, 1y).`);
  return Number(match[1]) * UNIT_MS[match[2].toLowerCase()];
}

const contains = (haystack: string, needle: string): boolean =>
  haystack.toLowerCase().includes(needle.toLowerCase());

function addressHeaders(message: StoredMessage, names: string[]): string {
  return names.map((name) => messageHeader(message, name)).join(' ');
}

function hasLabel(mailbox: Mailbox, message: StoredMessage, value: string): boolean {
  const wanted = labelKey(value);
  return [...message.labelIds].some((id) => {
    const label = mailbox.labels.get(id);
    return label !== undefined && (labelKey(label.name) === wanted || labelKey(id) === wanted);
  });
}

type Predicate = (message: StoredMessage) => boolean;

/**
 * The test one term makes of a message, built once per query: dates and ages are read, and an
 * unsupported operator refused, before any message is looked at (even in an empty mailbox).
 */
function predicateOf(mailbox: Mailbox, term: Term, now: number): Predicate {
  const test = positivePredicateOf(mailbox, term, now);
  return term.negated ? (message) => !test(message) : test;
}

function positivePredicateOf(mailbox: Mailbox, term: Term, now: number): Predicate {
  if ('anyOf' in term) {
    const alternatives = term.anyOf.map((t) => predicateOf(mailbox, t, now));
    return (message) => alternatives.some((test) => test(message));
  }
  const { operator, value } = term;
  const header = (name: string) => (message: StoredMessage) =>
    contains(messageHeader(message, name), value);
  switch (operator) {
    case 'label':
      return (message) => hasLabel(mailbox, message, value);
    case 'in':
      if (value.toLowerCase() === 'anywhere') return () => true;
      return (message) =>
        hasLabel(mailbox, message, value.toLowerCase() === 'drafts' ? 'draft' : value);
    case 'is':
      if (value.toLowerCase() === 'read') return (message) => !message.labelIds.has('UNREAD');
      return (message) => hasLabel(mailbox, message, value);
    case 'from':
      return header('From');
    case 'to':
      return (message) =>
        contains(addressHeaders(message, ['To', 'Cc', 'Bcc', 'Delivered-To']), value);
    case 'cc':
      return header('Cc');
    case 'bcc':
      return header('Bcc');
    case 'subject':
      return header('Subject');
    case 'after': {
      const since = parseDate(value);
      return (message) => message.internalDate >= since;
    }
    case 'before': {
      const until = parseDate(value);
      return (message) => message.internalDate < until;
    }
    case 'newer_than': {
      const since = now - parseAge(value);
      return (message) => message.internalDate > since;
    }
    case 'older_than': {
      const until = now - parseAge(value);
      return (message) => message.internalDate < until;
    }
    case 'rfc822msgid': {
      const id = value.replace(/^<|>$/g, '');
      return (message) => message.rfcMessageId.replace(/^<|>$/g, '') === id;
    }
    case 'has':
      if (value.toLowerCase() === 'attachment')
        return (message) => message.parsed.attachments.length > 0;
      throw new Error(`Unsupported search operator in the emulator: has:${value}`);
    case '':
      return (message) =>
        contains(
          [
            messageHeader(message, 'Subject'),
            addressHeaders(message, ['From', 'To', 'Cc']),
            message.parsed.text,
          ].join('\n'),
          value,
        );
    default:
      throw new Error(`Unsupported search operator in the emulator: ${operator}:`);
  }
}

/** Whether the query names trash or spam itself (alternatives too): otherwise Gmail leaves those out. */
function looksInTrashOrSpam(terms: Term[]): boolean {
  return terms.some(
    (t) =>
      !t.negated &&
      ('anyOf' in t
        ? looksInTrashOrSpam(t.anyOf)
        : ['in', 'label', 'is'].includes(t.operator) &&
          ['trash', 'spam', 'anywhere'].includes(t.value.toLowerCase())),
  );
}

/** Messages of the mailbox matching the query, newest first. */
export function searchMessages(mailbox: Mailbox, query: string, now: number): StoredMessage[] {
  const terms = parseQuery(query);
  const withHidden = looksInTrashOrSpam(terms);
  const tests = terms.map((term) => predicateOf(mailbox, term, now));
  return [...mailbox.messages.values()]
    .filter(
      (message) =>
        (withHidden || (!message.labelIds.has('TRASH') && !message.labelIds.has('SPAM'))) &&
        tests.every((test) => test(message)),
    )
    .sort((a, b) => b.internalDate - a.internalDate || b.id.localeCompare(a.id));
}

/** Thread ids with at least one matching message, most recent activity first. */
export function searchThreads(mailbox: Mailbox, query: string, now: number): string[] {
  const matching = new Set(searchMessages(mailbox, query, now).map((m) => m.threadId));
  return mailbox.threadIds().filter((id) => matching.has(id));
}
