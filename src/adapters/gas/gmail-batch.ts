// Gmail API batch requests (developers.google.com/gmail/api/guides/batch) through UrlFetchApp:
// many Gmail reads in one service call. The encoding and decoding are pure and tested directly.
import { parseHeaderBlock, getHeader, parseStructured } from '../../core/mime/headers';

const BATCH_URL = 'https://gmail.googleapis.com/batch/gmail/v1';
/** Google's limit is 100 calls a batch; its guide advises at most 50. */
export const MAX_BATCH_CALLS = 50;

/** One inner GET, a path of the Gmail REST API, e.g. `/gmail/v1/users/me/messages/ID?format=minimal`. */
export interface BatchCall {
  path: string;
}

export interface BatchAnswer {
  /** The inner HTTP status (200, 404, 429...), 0 when the part is missing from the response. */
  status: number;
  /** The inner JSON body, undefined when it is not JSON. */
  body: unknown;
}

const CRLF = '\r\n';

/** The multipart/mixed body of a batch of GETs; each part carries `Content-ID: <item-N>`. */
export function encodeBatch(calls: BatchCall[], boundary: string): string {
  const parts = calls.map(
    (call, index) =>
      `--${boundary}${CRLF}Content-Type: application/http${CRLF}Content-ID: <item-${index}>` +
      `${CRLF}${CRLF}GET ${call.path}${CRLF}${CRLF}`,
  );
  return `${parts.join('')}--${boundary}--${CRLF}`;
}

function splitHead(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}

/**
 * The answers of a batch response, in the order of the calls (matched by Content-ID when the
 * server echoes it, by position otherwise); a call without an answer gets status 0.
 */
export function decodeBatch(contentType: string, text: string, count: number): BatchAnswer[] {
  const boundary = parseStructured(contentType).params.boundary;
  const answers: BatchAnswer[] = Array.from({ length: count }, () => ({
    status: 0,
    body: undefined,
  }));
  if (!boundary) return answers;
  const delimiter = `--${boundary}`;
  const parts = text.split(delimiter).slice(1);
  parts.forEach((part, position) => {
    if (part.startsWith('--')) return;
    const [outerHead, http] = splitHead(part.replace(/^\r?\n/, ''));
    const contentId = getHeader(parseHeaderBlock(outerHead), 'Content-ID') ?? '';
    const item = /item-(\d+)/.exec(contentId);
    const index = item ? Number(item[1]) : position;
    if (index < 0 || index >= count) return;
    const [statusAndHeaders, body] = splitHead(http);
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusAndHeaders)?.[1] ?? 0);
    answers[index] = { status, body: parseJson(body.trim()) };
  });
  return answers;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one batch (at most MAX_BATCH_CALLS calls) as the running user, with an OAuth token the
 * caller got from ScriptApp.getOAuthToken(); throws on a failed request.
 */
export function fetchBatch(calls: BatchCall[], token: string): BatchAnswer[] {
  if (calls.length === 0) return [];
  if (calls.length > MAX_BATCH_CALLS)
    throw new Error(
      `A Gmail batch holds at most ${MAX_BATCH_CALLS} calls (${calls.length} given).`,
    );
  const boundary = `baton_batch_${calls.length}_${calls[0].path.length}`;
  const response = UrlFetchApp.fetch(BATCH_URL, {
    method: 'post',
    contentType: `multipart/mixed; boundary=${boundary}`,
    payload: encodeBatch(calls, boundary),
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
  });
  const code = response.getResponseCode();
  if (code !== 200)
    throw new Error(
      `Gmail refused a batch request (HTTP ${code}): ${response.getContentText().slice(0, 200)}`,
    );
  const headers = response.getHeaders() as Record<string, string>;
  const contentType =
    Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  return decodeBatch(contentType, response.getContentText(), calls.length);
}
