// Mail-merge templates: `{{First name}}` placeholders matched loosely to the sheet's headers, with
// fallbacks `{{First name|there}}`. Rendering says which variables were missing instead of sending
// a half-merged message.

/** One `{{...}}` placeholder as written in a template. */
export interface Placeholder {
  /** The name as written, trimmed (e.g. "First name"). */
  name: string;
  /** The text after `|`, when the placeholder has one (possibly ''). */
  fallback?: string;
}

export type Escape = 'none' | 'html' | 'header';

export interface Rendered {
  text: string;
  /** Names of the variables that were empty (or unknown) and had no fallback, in order, once each. */
  missing: string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The loose key of a header or variable: case, spaces, underscores and hyphens ignored. */
export function variableKey(name: string): string {
  return name.toLowerCase().replace(/[\s_\-\u00a0]+/g, '');
}

export function placeholders(template: string): Placeholder[] {
  const found: Placeholder[] = [];
  template.replace(PLACEHOLDER, (_whole, inner: string) => {
    found.push(parsePlaceholder(inner));
    return '';
  });
  return found;
}

/** A run of braces with what they hold, or two braces that open or close nothing. */
const BRACES = /(\{+)([^{}]*)(\}+)|\{\{+|\}\}+/;

/**
 * Text that looks like a placeholder but is not one Baton fills (`{{First name` never closed,
 * `{{{x}}}`, `{x}}`), as written, shortened: sent as it stands, it would show its braces to the
 * candidate. Single braces (`{x}`, CSS) are plain text; so are `<style>` blocks of an HTML body.
 */
export function brokenPlaceholders(template: string): string[] {
  const broken: string[] = [];
  const text = template.replace(/<style[\s\S]*?<\/style>/gi, '');
  const braces = new RegExp(BRACES.source, 'g');
  for (let match = braces.exec(text); match; match = braces.exec(text)) {
    const [whole, open, , close] = match;
    if (open !== undefined && open.length < 2 && close.length < 2) continue;
    if (open?.length === 2 && close.length === 2) continue;
    const shown =
      open === undefined ? text.slice(match.index, match.index + 30).split(/[\r\n]/)[0] : whole;
    broken.push(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
  }
  return broken;
}

function parsePlaceholder(inner: string): Placeholder {
  const bar = inner.indexOf('|');
  if (bar < 0) return { name: inner.trim() };
  return { name: inner.slice(0, bar).trim(), fallback: inner.slice(bar + 1).trim() };
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A value that goes into a header: any line break or control character becomes a space. */
export function flattenForHeader(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function escapeValue(value: string, escape: Escape): string {
  if (escape === 'html') return escapeHtml(value);
  if (escape === 'header') return flattenForHeader(value);
  return value;
}

/** Values of one row keyed by variableKey(header). */
export type Variables = Record<string, string>;

export function variablesFromRow(headers: string[], row: string[]): Variables {
  const vars: Variables = {};
  headers.forEach((header, i) => {
    const key = variableKey(header);
    if (key !== '' && !(key in vars)) vars[key] = row[i] ?? '';
  });
  return vars;
}

/** Fills every placeholder; an empty or unknown variable takes its fallback or is reported missing. */
export function render(template: string, vars: Variables, escape: Escape = 'none'): Rendered {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_whole, inner: string) => {
    const { name, fallback } = parsePlaceholder(inner);
    const value = (vars[variableKey(name)] ?? '').trim();
    if (value !== '') return escapeValue(value, escape);
    if (fallback !== undefined) return escapeValue(fallback, escape);
    if (!missing.some((m) => variableKey(m) === variableKey(name))) missing.push(name);
    return '';
  });
  return { text, missing };
}

/** Placeholders in the templates that match no header (a typo the editor should point out). */
export function unknownVariables(templates: string[], headers: string[]): string[] {
  const known = new Set(headers.map(variableKey));
  const unknown: string[] = [];
  for (const template of templates)
    for (const { name } of placeholders(template))
      if (!known.has(variableKey(name)) && !unknown.includes(name)) unknown.push(name);
  return unknown;
}
