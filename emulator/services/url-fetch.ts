// UrlFetchApp over the offline web (emulator/web.ts): the external_request scope, the manifest's
// urlFetchWhitelist, the daily urlfetch quota, Apps Script's error texts for unreachable hosts and
// HTTP errors, and HTTPResponse objects. Only servers a service emulation published answer.
import type { Execution } from '../runtime';
import { type HttpRequest, type HttpResponse, webOf } from '../web';
import { guarded, type Members } from './guard';
import { FakeBlob, signedBytes, toBuffer } from './utilities';

export const EXTERNAL_REQUEST_SCOPE = 'https://www.googleapis.com/auth/script.external_request';

/** Apps Script's wording (reported in published projects; see docs/emulator.md). */
export const URL_FETCH_ERRORS = {
  permission: (method: string) =>
    `You do not have permission to call UrlFetchApp.${method}. Required permissions: ${EXTERNAL_REQUEST_SCOPE}`,
  notWhitelisted: (url: string) =>
    `Request to ${url} failed because the URL has not been whitelisted in the script manifest.`,
  dns: (url: string) => `DNS error: ${url}`,
  invalidUrl: (url: string) => `Invalid argument: ${url}`,
  /** The origin only, and the first 147 characters of the body then `...` (two reported messages). */
  requestFailed: (url: URL, status: number, text: string) =>
    `Request failed for ${url.origin} returned code ${status}. Truncated server response: ` +
    `${text.length > 150 ? `${text.slice(0, 147)}...` : text} ` +
    '(use muteHttpExceptions option to examine full response)',
};

const METHODS = new Set(['get', 'delete', 'patch', 'post', 'put']);

type Params = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

/**
 * True when `url` falls under an allowlist prefix (Apps Script's allowlist page): https, the same
 * host (`*.` matches any subdomain), and the prefix's path equal to the URL's or a parent of it.
 */
export function allowedByPrefix(url: URL, prefix: string): boolean {
  const parts = /^https:\/\/(\*\.)?([^/?#]+)(\/.*)$/i.exec(prefix);
  if (!parts || url.protocol !== 'https:') return false;
  const [, wildcard, host, path] = parts;
  const urlHost = url.host.toLowerCase();
  const hostMatches = wildcard
    ? urlHost.endsWith(`.${host.toLowerCase()}`)
    : urlHost === host.toLowerCase();
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (!hostMatches || !target.startsWith(path)) return false;
  return target.length === path.length || path.endsWith('/') || '/?#'.includes(target[path.length]);
}

/** Apps Script-shaped errors: `String(e)` reads `Exception: <message>`. */
function exception(exec: Execution, message: string): Error {
  const error = exec.error(message);
  error.name = 'Exception';
  return error;
}

function parseUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function formEncoded(payload: Record<string, unknown>): string {
  return Object.entries(payload)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

function blobLike(value: unknown): value is { getBytes(): number[]; getContentType(): string } {
  return Boolean(value && typeof (value as { getBytes?: unknown }).getBytes === 'function');
}

/** The request the fetch sends: the payload's bytes and its content type, headers lower-cased. */
function buildRequest(url: URL, method: string, params: Params): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(params.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  const payload: unknown = params.payload;
  let body: Buffer = Buffer.alloc(0);
  let contentType = params.contentType;
  if (typeof payload === 'string' || Array.isArray(payload)) body = toBuffer(payload);
  else if (blobLike(payload)) {
    body = toBuffer(payload.getBytes());
    contentType ??= payload.getContentType();
  } else if (payload && typeof payload === 'object') {
    body = Buffer.from(formEncoded(payload as Record<string, unknown>));
    contentType ??= 'application/x-www-form-urlencoded';
  }
  if (contentType) headers['content-type'] = contentType;
  else if (body.length > 0) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return { url, method, headers, body };
}

function httpResponse(exec: Execution, response: HttpResponse) {
  const contentType =
    Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
    null;
  return guarded(exec, 'HTTPResponse', {
    getResponseCode: () => response.status,
    getContentText: (charset?: string) =>
      response.body.toString(/^iso-8859-1|us-ascii$/i.test(charset ?? '') ? 'latin1' : 'utf8'),
    getContent: () => signedBytes(exec, response.body),
    getHeaders: () => exec.toRealm({ ...response.headers }),
    getAllHeaders: () => exec.toRealm({ ...response.headers }),
    getBlob: () => guarded(exec, 'Blob', new FakeBlob(exec, response.body, contentType)),
  } satisfies Members<GoogleAppsScript.URL_Fetch.HTTPResponse>);
}

/** The UrlFetchApp global of one execution. */
export function urlFetchService(exec: Execution): Record<string, unknown> {
  const manifest = exec.project.manifest;
  const web = webOf(exec.world);
  const charge = (costKey: string) => exec.spend(exec.world.cost.latency(costKey, exec.random));

  /** Checks, quota and the server's answer for one request (inside the service call). */
  const send = (method: string, urlText: unknown, params: Params = {}) => {
    // a manifest that lists its scopes must list this one (otherwise Apps Script infers it)
    if (manifest.oauthScopes && !manifest.oauthScopes.includes(EXTERNAL_REQUEST_SCOPE))
      throw exception(exec, URL_FETCH_ERRORS.permission(method));
    const url = parseUrl(String(urlText));
    const httpMethod = String(params.method ?? 'get').toLowerCase();
    if (!url || !METHODS.has(httpMethod))
      throw exception(exec, URL_FETCH_ERRORS.invalidUrl(String(urlText)));
    const allowlist = manifest.urlFetchWhitelist;
    if (Array.isArray(allowlist) && !allowlist.some((prefix) => allowedByPrefix(url, prefix)))
      throw exception(exec, URL_FETCH_ERRORS.notWhitelisted(url.href));
    try {
      exec.consumeQuota('urlFetch', 1);
    } catch (error) {
      (error as Error).name = 'Exception';
      throw error;
    }
    const server = web.find(url);
    if (!server) throw exception(exec, URL_FETCH_ERRORS.dns(String(urlText)));
    const response = server.serve(buildRequest(url, httpMethod.toUpperCase(), params), {
      ctx: exec,
      charge,
    });
    if (params.muteHttpExceptions !== true && response.status >= 400)
      throw exception(
        exec,
        URL_FETCH_ERRORS.requestFailed(url, response.status, response.body.toString('utf8')),
      );
    return httpResponse(exec, response);
  };

  const urlFetchApp = {
    fetch: (url: string, params?: Params) =>
      exec.invoke('UrlFetchApp', 'fetch', () => send('fetch', url, params)),
    // the requests go out together: one call's latency, each server's own extras on top
    fetchAll: (requests: (GoogleAppsScript.URL_Fetch.URLFetchRequest | string)[]) => {
      const list = [...requests].map((r) => (typeof r === 'string' ? { url: r } : r));
      return exec.invoke(
        'UrlFetchApp',
        'fetchAll',
        () =>
          exec.realm.Array.from(list.map(({ url, ...params }) => send('fetchAll', url, params))),
        'UrlFetchApp.fetch',
      );
    },
  } satisfies Members<GoogleAppsScript.URL_Fetch.UrlFetchApp>;
  return { UrlFetchApp: guarded(exec, 'UrlFetchApp', urlFetchApp) };
}
