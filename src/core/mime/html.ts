// HTML → plain text for classification: block elements become line breaks, entities are decoded,
// and <blockquote> content is prefixed with "> " so quoted history looks the same as in text mail.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  aacute: 'á',
  acirc: 'â',
  ccedil: 'ç',
  iacute: 'í',
  oacute: 'ó',
  ocirc: 'ô',
  uacute: 'ú',
  ugrave: 'ù',
  ntilde: 'ñ',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  euml: 'ë',
  iuml: 'ï',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  copy: '©',
  reg: '®',
  middot: '·',
  laquo: '«',
  raquo: '»',
  iexcl: '¡',
  iquest: '¿',
  bull: '•',
  zwnj: '',
  zwj: '',
  shy: '',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    const named = NAMED_ENTITIES[body];
    return named === undefined ? whole : named;
  });
}

const BLOCK_TAGS =
  /^(p|div|br|tr|li|ul|ol|table|h[1-6]|hr|blockquote|pre|section|article|header|footer|center)$/;

/**
 * Markers that open the quoted history (or the signature just above it) in HTML replies of Gmail,
 * Outlook, Apple Mail, Thunderbird and Yahoo; from the first one on, nothing is the new message.
 */
const HTML_QUOTE_STARTS = [
  /<div[^>]*class=["']?[^"'>]*gmail_quote/i,
  /<div[^>]*id=["']?(divRplyFwdMsg|appendonsend)/i,
  /<blockquote[^>]*type=["']?cite/i,
  /<div[^>]*class=["']?[^"'>]*(moz-cite-prefix|yahoo_quoted|zmail_extra|OutlookMessageHeader)/i,
  /<hr[^>]*id=["']?stopSpelling/i,
  /<div[^>]*class=["']?[^"'>]*gmail_signature/i,
];

/** Cuts an HTML reply at the start of its quoted history. */
export function cutHtmlQuote(html: string): string {
  let end = html.length;
  for (const marker of HTML_QUOTE_STARTS) {
    const m = marker.exec(html);
    if (m && m.index < end) end = m.index;
  }
  return html.slice(0, end);
}

/** Converts HTML to text; never throws on broken markup. */
export function htmlToText(html: string): string {
  const cleaned = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '');
  let depth = 0;
  let out = '';
  const tag = /<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g;
  let last = 0;
  const newline = (): void => {
    out += '\n' + '> '.repeat(depth);
  };
  for (let m = tag.exec(cleaned); m; m = tag.exec(cleaned)) {
    out += decodeHtmlEntities(cleaned.slice(last, m.index).replace(/\s+/g, ' '));
    last = m.index + m[0].length;
    const name = m[1].toLowerCase();
    const closing = m[0][1] === '/';
    if (name === 'blockquote') depth = Math.max(0, depth + (closing ? -1 : 1));
    if (BLOCK_TAGS.test(name)) newline();
  }
  // A tag cut off at the end of the text is dropped, not shown.
  out += decodeHtmlEntities(
    cleaned
      .slice(last)
      .replace(/<[^>]*$/, '')
      .replace(/\s+/g, ' '),
  );
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .map((line) => (/^(>\s?)+$/.test(line) ? '' : line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
