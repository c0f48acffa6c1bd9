// Gmail's search language for the emulator: label:, in:, is:, from:, to:, cc:, bcc:, subject:,
// deliveredto:, list:, filename:, after:/before: (older:/newer:), newer_than:/older_than:,
// rfc822msgid:, has:attachment, -negation, quoted phrases, plain words, grouping with ( ) (also
// under an operator: subject:(a b)), and alternatives ({a b}, a OR b). Anything else throws.
// Dates written yyyy/mm/dd are read as midnight UTC (see docs).
import { type Mailbox, type StoredMessage, messageHeader } from './mail-system';

/** One condition: `op:value`, `op:"quoted value"`, `"phrase"` or `word` (operator ''). */
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
/** A group, `(a b)` or `op:(a b)`: match when all of its terms do. */
interface AllOf {
  negated: boolean;
  allOf: Term[];
}
type Term = Condition | AnyOf | AllOf;

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = {
  d: DAY_MS,
  m: 30 * DAY_MS,
  y: 365 * DAY_MS,
  h: DAY_MS / 24,
};

const unsupported = (what: string) =>
  new Error(`Unsupported search operator in the emulator: ${what}`);

/** Reads a query by recursive descent; words inside `op:( … )` take that operator. */
class QueryParser {
  private at = 0;
  constructor(private readonly query: string) {}

  parse(): Term[] {
    return this.sequence('', undefined);
  }

  private unbalanced(what: string): Error {
    return new Error(`Unbalanced ${what} in search query: ${this.query}`);
  }

  private skipSpaces(): void {
    while (/\s/.test(this.query[this.at] ?? '')) this.at += 1;
  }

  /** Terms up to `closer` (or the end), all required; `a OR b` folds into alternatives. */
  private sequence(operator: string, closer: ')' | '}' | undefined): Term[] {
    const terms: Term[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.query[this.at];
      if (char === undefined) {
        if (closer) throw this.unbalanced(closer === ')' ? '"("' : '"{"');
        return terms;
      }
      if (char === closer) {
        this.at += 1;
        return terms;
      }
      if (char === ')' || char === '}') throw this.unbalanced(`"${char}"`);
      if (this.keyword('AND')) continue;
      if (this.keyword('AROUND')) throw unsupported('AROUND');
      const alternatives = [this.unary(operator)];
      while (this.keyword('OR')) alternatives.push(this.unary(operator));
      terms.push(
        alternatives.length === 1 ? alternatives[0] : { negated: false, anyOf: alternatives },
      );
    }
  }

  /** Consumes a bare upper-case keyword (OR, AND, AROUND) standing alone. */
  private keyword(word: string): boolean {
    this.skipSpaces();
    const end = this.at + word.length;
    if (this.query.slice(this.at, end) !== word || !/^[\s(){}"]?$/.test(this.query[end] ?? ''))
      return false;
    this.at = end;
    return true;
  }

  private unary(operator: string): Term {
    this.skipSpaces();
    const negated = this.query[this.at] === '-' && !/\s/.test(this.query[this.at + 1] ?? ' ');
    if (negated) this.at += 1;
    const term = this.primary(operator);
    return { ...term, negated: negated !== term.negated };
  }

  private primary(operator: string): Term {
    const char = this.query[this.at];
    if (char === '(') {
      this.at += 1;
      return { negated: false, allOf: this.sequence(operator, ')') };
    }
    if (char === '{') {
      this.at += 1;
      return { negated: false, anyOf: this.sequence(operator, '}') };
    }
    if (char === '"') return { negated: false, operator, value: this.phrase() };
    if (char === '+') throw unsupported('+ (exact word)');
    const word = /^[^\s(){}"]+/.exec(this.query.slice(this.at))?.[0] ?? '';
    if (!word) throw new Error(`Cannot read the search query at "${this.query.slice(this.at)}"`);
    this.at += word.length;
    const named = /^([a-z_0-9]+):(.*)$/i.exec(word);
    if (!named) return { negated: false, operator, value: word };
    const name = named[1].toLowerCase();
    if (named[2]) return { negated: false, operator: name, value: named[2] };
    // op:(a b), op:{a b}, op:"a b"
    const next = this.query[this.at];
    if (next === '(' || next === '{' || next === '"') return this.primary(name);
    return { negated: false, operator: name, value: '' };
  }

  private phrase(): string {
    const end = this.query.indexOf('"', this.at + 1);
    if (end < 0) throw this.unbalanced("'\"'");
    const text = this.query.slice(this.at + 1, end);
    this.at = end + 1;
    return text;
  }
}

function parseQuery(query: string): Term[] {
  return new QueryParser(query).parse();
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

/** `is:` states kept as system labels (is:read is the absence of UNREAD). */
const IS_LABELS = new Set(['unread', 'starred', 'important']);

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
  if ('allOf' in term) {
    const all = term.allOf.map((t) => predicateOf(mailbox, t, now));
    return (message) => all.every((test) => test(message));
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
    case 'is': {
      const state = value.toLowerCase();
      if (state === 'read') return (message) => !message.labelIds.has('UNREAD');
      if (!IS_LABELS.has(state)) throw unsupported(`is:${value}`);
      return (message) => hasLabel(mailbox, message, value);
    }
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
    case 'deliveredto':
      return header('Delivered-To');
    case 'list':
      return header('List-Id');
    case 'filename':
      return (message) =>
        message.parsed.attachments.some((attachment) => contains(attachment.filename, value));
    case 'newer':
    case 'after': {
      const since = parseDate(value);
      return (message) => message.internalDate >= since;
    }
    case 'older':
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
      throw unsupported(`has:${value}`);
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
      throw unsupported(`${operator}:`);
  }
}

/** Whether the query names trash or spam itself (alternatives too): otherwise Gmail leaves those out. */
function looksInTrashOrSpam(terms: Term[]): boolean {
  return terms.some(
    (t) =>
      !t.negated &&
      ('anyOf' in t
        ? looksInTrashOrSpam(t.anyOf)
        : 'allOf' in t
          ? looksInTrashOrSpam(t.allOf)
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
