// Finds what a reply itself says: drops quoted history (attribution lines, "> " lines, Outlook
// header blocks, forwarded/original-message separators) and signatures, in several languages.
import { cutHtmlQuote, htmlToText, messageBodies, MimeMessage } from '../mime';
import { ClassifyContext } from './types';

/** "On <date>, <name> wrote:" and its translations; may be wrapped over two lines. */
const ATTRIBUTION_LINES: Array<[string, RegExp]> = [
  ['en', /^on\b.{3,250}\bwrote\s?:$/i],
  ['de', /^am\b.{3,250}\bschrieb\b.{0,120}:$/i],
  ['fr', /^le\b.{3,250}\ba écrit\s?:$/i],
  ['es', /^el\b.{3,250}\bescribi[óo]\s?:$/i],
  ['nl', /^op\b.{3,250}\bschreef\b.{0,120}:$/i],
  ['ja', /(のメッセージ|さんは書きました|wrote)\s?[:：]$/],
  ['ja', /^\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:：]$/],
];

/** Lines after which everything is history: separators of Outlook, Apple Mail and forwarders. */
const HISTORY_SEPARATORS = [
  /^-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht|forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|doorgestuurd bericht|元のメッセージ|転送メッセージ)\s*-{2,}$/i,
  /^_{10,}$/,
  /^(begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié)\s?:$/i,
];

/** Outlook's quoted header block: a From line followed closely by a Sent/Date line. */
const QUOTED_FROM = /^\*?(from|von|de|van|da|差出人|送信者)\s?\*?\s?[:：]/i;
const QUOTED_SENT =
  /^\*?(sent|date|gesendet|datum|envoyé|enviado|fecha|verzonden|inviato|送信日時|日付)\s?\*?\s?[:：]/i;

/** Signature openers: "-- " and the mobile clients' "Sent from my ..." in several languages. */
const SIGNATURE_STARTS = [
  /^--\s?$/,
  /^(sent from my|sent from (outlook|yahoo mail|mail for windows)|get outlook for)\b/i,
  /^(von meinem .{1,40} gesendet|gesendet von meinem)/i,
  /^envoyé (de|depuis) mon/i,
  /^enviado (desde|de) mi/i,
  /^verzonden (vanaf|met|van) mijn/i,
  /^(iphone|ipad|android|モバイル)から送信/i,
];

function normalizeLine(line: string): string {
  return line
    .replace(/^[>\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Lines long enough to be recognisable when a client quotes the campaign's mail without markers. */
function sentLineSet(context: ClassifyContext): Set<string> {
  const lines = new Set<string>();
  for (const text of context.sentTexts ?? []) {
    for (const line of text.split(/\r?\n/)) {
      const normalized = normalizeLine(line);
      if (normalized.length >= 25) lines.add(normalized);
    }
  }
  return lines;
}

function isAttribution(text: string): boolean {
  return ATTRIBUTION_LINES.some(([, pattern]) => pattern.test(text));
}

function isQuotedHeaderBlock(lines: string[], index: number): boolean {
  if (!QUOTED_FROM.test(lines[index].trim())) return false;
  for (let k = index + 1; k < Math.min(lines.length, index + 5); k++) {
    if (QUOTED_SENT.test(lines[k].trim())) return true;
  }
  return false;
}

function nextNonEmpty(lines: string[], from: number): string {
  for (let k = from; k < lines.length; k++) if (lines[k].trim()) return lines[k].trim();
  return '';
}

/** The new text of a plain-text reply. Bottom-posted and interleaved replies keep their own lines. */
export function stripQuotedText(text: string, context: ClassifyContext = {}): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sentLines = sentLineSet(context);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('>')) continue;
    if (SIGNATURE_STARTS.some((pattern) => pattern.test(line))) break;
    if (HISTORY_SEPARATORS.some((pattern) => pattern.test(line))) break;
    if (isQuotedHeaderBlock(lines, i)) break;
    if (sentLines.has(normalizeLine(line))) break;
    const wrapped = line + ' ' + (lines[i + 1] ?? '').trim();
    const attributionLines = isAttribution(line) ? 1 : isAttribution(wrapped) ? 2 : 0;
    if (attributionLines > 0) {
      // An attribution followed by "> " lines ends a quote that the reply may continue after.
      if (!nextNonEmpty(lines, i + attributionLines).startsWith('>')) break;
      i += attributionLines - 1;
      continue;
    }
    kept.push(line);
  }
  return kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The reply's own words: from the text/plain body, else from the HTML body cut at its quote. */
export function extractNewText(message: MimeMessage, context: ClassifyContext = {}): string {
  const bodies = messageBodies(message);
  const text = bodies.plain.trim() ? bodies.plain : htmlToText(cutHtmlQuote(bodies.html));
  return stripQuotedText(text, context);
}
