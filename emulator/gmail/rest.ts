// The Gmail API over HTTP, as UrlFetchApp reaches it: single REST reads and the batch endpoint
// (`POST /batch/gmail/v1`, multipart/mixed of application/http parts), behind OAuth bearer
// tokens and their scopes, Gmail's per-user rate limit and its 100-calls-a-batch limit. Every call
// runs through the same GmailApi as the advanced service: same resources, quota and audit.
import type { ExecutionContext, Kernel } from '../kernel';
import { randomText } from '../random';
import {
  type AccessToken,
  accessTokensOf,
  type HttpRequest,
  type HttpResponse,
  jsonResponse,
  STATUS_TEXT,
  type WebCall,
  webOf,
} from '../web';
import { type ApiFailure, errorBody, GmailApi, GmailApiError, type Options } from './api';
import {
  type Header,
  headerValue,
  multipartSections,
  parseHeaders,
  parseParameterised,
  splitHeadBody,
} from './mime';

/** gmail.googleapis.com, and the older www.googleapis.com that still serves the same paths. */
export const GMAIL_ORIGINS = ['https://gmail.googleapis.com', 'https://www.googleapis.com'];
export const BATCH_PATH = '/batch/gmail/v1';
/** "You're limited to 100 calls in a single batch request" (Gmail batch guide). */
export const MAX_BATCH_CALLS = 100;

const CRLF = '\r\n';
const SCOPE = 'https://www.googleapis.com/auth/';
/** Scopes that read everything (Gmail API scopes page). */
const FULL_READ_SCOPES = [
  'https://mail.google.com/',
  `${SCOPE}gmail.modify`,
  `${SCOPE}gmail.readonly`,
];
const METADATA_SCOPE = `${SCOPE}gmail.metadata`;

const AUTH_HELP =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. ' +
  'See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export const GMAIL_HTTP_FAILURES = {
  missingCredentials: {
    code: 401,
    message: `Request is missing required authentication credential. ${AUTH_HELP}`,
    detail: 'Login Required.',
    reason: 'required',
    header: 'Authorization',
  },
  invalidCredentials: {
    code: 401,
    message: `Request had invalid authentication credentials. ${AUTH_HELP}`,
    detail: 'Invalid Credentials',
    reason: 'authError',
    header: 'Authorization',
  },
  insufficientScopes: {
    code: 403,
    message: 'Request had insufficient authentication scopes.',
    detail: 'Insufficient Permission',
    reason: 'insufficientPermissions',
  },
  dailyLimit: {
    code: 403,
    message: 'Daily Limit Exceeded',
    reason: 'dailyLimitExceeded',
    domain: 'usageLimits',
  },
  invalidId: { code: 400, message: 'Invalid id value', reason: 'invalidArgument' },
  /** The emulator's own wording where Google's was not found (docs/emulator-gmail.md). */
  tooManyCalls: (count: number) => ({
    code: 400,
    message: `A batch request may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${count}.`,
    reason: 'badRequest',
  }),
  notBatch: {
    code: 400,
    message:
      'A batch request is a POST with Content-Type multipart/mixed; boundary=... and at least one part.',
    reason: 'badRequest',
  },
  badPart: {
    code: 400,
    message:
      'Each part must be Content-Type: application/http holding one request line "GET /gmail/v1/..." (a path, not a full URL).',
    reason: 'badRequest',
  },
} satisfies Record<string, ApiFailure | ((count: number) => ApiFailure)>;

/** One API call as the router understands it. */
interface Route {
  call: 'threads.get' | 'messages.get' | 'messages.list';
  userId: string;
  id?: string;
  options: Options;
}

const QUERY_PARAMETERS: Record<Route['call'], string[]> = {
  'threads.get': ['format', 'metadataHeaders'],
  'messages.get': ['format', 'metadataHeaders'],
  'messages.list': ['q', 'maxResults', 'pageToken', 'labelIds', 'includeSpamTrash'],
};
/** System parameters every Google API takes, with no effect here. */
const IGNORED_PARAMETERS = new Set(['alt', 'prettyPrint', 'quotaUser', 'key']);

function notFoundPage(path: string): HttpResponse {
  const html =
    '<!DOCTYPE html>\n<html lang=en>\n<meta charset=utf-8>\n<title>Error 404 (Not Found)!!1</title>\n' +
    `<p><b>404.</b> <ins>That\u2019s an error.</ins>\n<p>The requested URL <code>${path}</code> ` +
    'was not found on this server.  <ins>That\u2019s all we know.</ins>\n';
  return {
    status: 404,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
    body: Buffer.from(html),
  };
}

const failed = (failure: ApiFailure) => jsonResponse(failure.code, errorBody(failure));

function notBuilt(method: string, path: string): HttpResponse {
  return failed({
    code: 501,
    message: `Not implemented in the emulator: ${method} ${path}`,
    reason: 'notImplemented',
    status: 'UNIMPLEMENTED',
  });
}

/** The token a bearer header names, when it is live and the running user's own. */
function authenticate(ctx: ExecutionContext, header: string | undefined): AccessToken | ApiFailure {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!bearer) return GMAIL_HTTP_FAILURES.missingCredentials;
  const token = accessTokensOf(ctx.kernel).check(ctx.kernel, bearer[1]);
  // Google would act as another user whose live token this is; the emulator refuses it, so a
  // token that leaked between users shows up as a failure
  if (!token || token.user !== ctx.user.email) return GMAIL_HTTP_FAILURES.invalidCredentials;
  return token;
}

/** The route of `METHOD /gmail/v1/...?query`, or the answer when there is none. */
function routeOf(method: string, target: string): Route | HttpResponse {
  const url = new URL(target, GMAIL_ORIGINS[0]);
  const path = /^\/gmail\/v1\/users\/([^/]+)\/(threads|messages)(?:\/([^/]+))?$/.exec(url.pathname);
  if (!path) return notFoundPage(url.pathname);
  const [, userId, collection, id] = path;
  if (method !== 'GET' || (collection === 'threads' && !id)) return notBuilt(method, url.pathname);
  const call = `${collection}.${id ? 'get' : 'list'}` as Route['call'];
  if (id !== undefined && !/^[0-9a-f]+$/i.test(id)) return failed(GMAIL_HTTP_FAILURES.invalidId);
  const options: Options = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    if (IGNORED_PARAMETERS.has(name)) continue;
    if (name === 'fields') return notBuilt(`${method} (fields=)`, url.pathname);
    if (!QUERY_PARAMETERS[call].includes(name))
      return failed({
        code: 400,
        message: `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
        reason: 'invalid',
      });
    const list = name === 'metadataHeaders' || name === 'labelIds';
    (options as Record<string, unknown>)[name] =
      name === 'includeSpamTrash' ? values[0] === 'true' : list ? values : values[0];
  }
  return { call, userId: decodeURIComponent(userId), id, options };
}

/** Why the token's scopes do not allow the call (Gmail API scopes page), if they do not. */
function scopeRefusal(scopes: readonly string[], route: Route): ApiFailure | undefined {
  if (scopes.some((scope) => FULL_READ_SCOPES.includes(scope))) return undefined;
  if (!scopes.includes(METADATA_SCOPE)) return GMAIL_HTTP_FAILURES.insufficientScopes;
  if (route.options.q !== undefined)
    return {
      code: 403,
      message: "Metadata scope does not support 'q' parameter",
      reason: 'forbidden',
    };
  const format = String(route.options.format ?? 'full').toUpperCase();
  if (route.call !== 'messages.list' && (format === 'FULL' || format === 'RAW'))
    return {
      code: 403,
      message: `Metadata scope doesn't allow format ${format}`,
      reason: 'forbidden',
    };
  return undefined;
}

/** One authorized API call over HTTP: the same GmailApi calls as the advanced service. */
function answerCall(
  ctx: ExecutionContext,
  token: AccessToken,
  method: string,
  target: string,
): HttpResponse {
  const route = routeOf(method, target);
  if (!('call' in route)) return route;
  const refusal = scopeRefusal(token.scopes, route);
  if (refusal) return failed(refusal);
  if (ctx.remainingQuota('emailReadWrite') < 1) return failed(GMAIL_HTTP_FAILURES.dailyLimit);
  const api = new GmailApi(ctx, { byteFields: 'base64url' });
  try {
    const value = api.serve(route.call, route.userId, (mailbox) => {
      if (route.call === 'threads.get')
        return api.getThread(mailbox, route.id ?? '', route.options);
      if (route.call === 'messages.get') return api.getMessage(mailbox, route.id, route.options);
      return api.listMessages(mailbox, route.options);
    });
    return jsonResponse(200, value);
  } catch (error) {
    if (error instanceof GmailApiError) return failed(error.failure);
    throw error;
  }
}

interface BatchPart {
  contentId?: string;
  contentType: string;
  requestLine: string;
  headers: Header[];
}

/** A multipart/mixed Content-Type's boundary; undefined for any other type. */
function boundaryOf(contentType: string | undefined): string | undefined {
  const { value, params } = parseParameterised(contentType ?? '');
  return value === 'multipart/mixed' ? params.boundary : undefined;
}

/** Each part's own headers and the HTTP request it holds (request line and headers). */
function batchParts(body: string, boundary: string): BatchPart[] {
  return multipartSections(body, boundary).map((section) => {
    const part = splitHeadBody(section);
    const partHeaders = parseHeaders(part.head);
    const [requestLine, ...headerLines] = splitHeadBody(
      part.body.replace(/^(\r?\n)+/, ''),
    ).head.split(/\r?\n/);
    return {
      contentId: headerValue(partHeaders, 'Content-ID'),
      contentType: headerValue(partHeaders, 'Content-Type') ?? '',
      requestLine: requestLine.trim(),
      headers: parseHeaders(headerLines.join(CRLF)),
    };
  });
}

/** One part's answer: its own Authorization header (if any) replaces the batch's. */
function answerPart(ctx: ExecutionContext, batchToken: AccessToken, part: BatchPart): HttpResponse {
  const request = /^([A-Z]+)\s+(\/\S*)(?:\s+HTTP\/\d(?:\.\d)?)?$/.exec(part.requestLine);
  if (!/^application\/http\b/i.test(part.contentType) || !request)
    return failed(GMAIL_HTTP_FAILURES.badPart);
  const authorization = headerValue(part.headers, 'Authorization');
  const token = authorization ? authenticate(ctx, authorization) : batchToken;
  if (!('token' in token)) return failed(token);
  return answerCall(ctx, token, request[1], request[2]);
}

function batchResponse(kernel: Kernel, parts: BatchPart[], answers: HttpResponse[]): HttpResponse {
  const boundary = `batch_${randomText(() => kernel.random(), 24)}`;
  const sections = answers.map((answer, i) => {
    const id = parts[i].contentId?.replace(/^<|>$/g, '');
    const head = [
      `--${boundary}`,
      'Content-Type: application/http',
      ...(id !== undefined ? [`Content-ID: <response-${id}>`] : []),
      '',
      `HTTP/1.1 ${answer.status} ${STATUS_TEXT[answer.status] ?? ''}`.trimEnd(),
      ...Object.entries(answer.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      '',
    ].join(CRLF);
    return `${head}${answer.body.toString('utf8')}${CRLF}`;
  });
  return {
    status: 200,
    headers: { 'Content-Type': `multipart/mixed; boundary=${boundary}` },
    body: Buffer.from(`${sections.join('')}--${boundary}--${CRLF}`),
  };
}

function serveBatch(request: HttpRequest, call: WebCall): HttpResponse {
  const ctx = call.ctx;
  const token = authenticate(ctx, request.headers.authorization);
  if (!('token' in token)) return failed(token);
  const boundary = boundaryOf(request.headers['content-type']);
  const parts = boundary ? batchParts(request.body.toString('utf8'), boundary) : [];
  if (request.method !== 'POST' || parts.length === 0) return failed(GMAIL_HTTP_FAILURES.notBatch);
  if (parts.length > MAX_BATCH_CALLS) return failed(GMAIL_HTTP_FAILURES.tooManyCalls(parts.length));
  // the parts arrive at once: they spend the rate window in order, at the same instant
  const answers = parts.map((part) => answerPart(ctx, token, part));
  parts.forEach(() => call.charge('UrlFetchApp.gmailBatchPart'));
  return batchResponse(ctx.kernel, parts, answers);
}

function serveGmail(request: HttpRequest, call: WebCall): HttpResponse {
  const path = request.url.pathname;
  if (path === BATCH_PATH) return serveBatch(request, call);
  if (!path.startsWith('/gmail/v1/')) return notFoundPage(path);
  const token = authenticate(call.ctx, request.headers.authorization);
  if (!('token' in token)) return failed(token);
  return answerCall(call.ctx, token, request.method, `${path}${request.url.search}`);
}

/** Puts the Gmail API's servers on the world's web (idempotent: each execution may call it). */
export function publishGmailServers(kernel: Kernel): void {
  for (const origin of GMAIL_ORIGINS) webOf(kernel).publish({ origin, serve: serveGmail });
}
