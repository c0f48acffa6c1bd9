// Utilities.formatString ('%'-style templates: flags - + space 0, width, precision; s d i f %) and
// Utilities.parseCsv (RFC 4180 quoting, any one-character delimiter), as pure functions.

const PLACEHOLDER = /%([-+ 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])?/g;

/** sprintf-like formatting; throws a plain Error (the caller makes it the script's) on bad input. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(
    PLACEHOLDER,
    (token, flags: string, width?: string, precision?: string, conversion?: string) => {
      if (conversion === '%' && token === '%%') return '%';
      if (!conversion || !'sdif'.includes(conversion))
        throw new Error(
          `Utilities.formatString: the placeholder "${token}" is not supported by the offline Workspace (it knows %s, %d, %i, %f and %%).`,
        );
      if (next >= args.length)
        throw new Error(
          `Utilities.formatString: not enough arguments for "${template}" (placeholder ${next + 1} has none).`,
        );
      const value = args[next++];
      return pad(convert(value, conversion, flags, precision), flags, width, conversion);
    },
  );
}

function convert(value: unknown, conversion: string, flags: string, precision?: string): string {
  if (conversion === 's') {
    const text = String(value);
    return precision === undefined ? text : text.slice(0, Number(precision));
  }
  const number = conversion === 'f' ? Number(value) : Math.trunc(Number(value));
  const digits =
    conversion === 'f' && precision !== undefined
      ? Math.abs(number).toFixed(Number(precision))
      : String(Math.abs(number));
  const sign = number < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + digits;
}

function pad(text: string, flags: string, width: string | undefined, conversion: string): string {
  const size = Number(width ?? 0);
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size, ' ');
  if (flags.includes('0') && conversion !== 's') {
    const sign = /^[-+ ]/.test(text) ? text[0] : '';
    return sign + text.slice(sign.length).padStart(size - sign.length, '0');
  }
  return text.padStart(size, ' ');
}

/** Rows of fields; quoted fields may hold the delimiter, doubled quotes and line breaks. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw new Error(`Utilities.parseCsv: the delimiter must be one character, not "${delimiter}".`);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < csv.length) {
    const char = csv[i];
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
    } else if (char === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && csv[i + 1] === '\n' ? 2 : 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (field !== '' || row.length || quoted) endRow();
  return rows;
}
