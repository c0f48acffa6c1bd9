// UrlFetchApp in the World: the external_request scope, the manifest's urlFetchWhitelist, hosts
// that do not exist offline, HTTP errors with and without muteHttpExceptions, the urlfetch quota,
// injected faults, and ScriptApp.getOAuthToken's tokens as the Gmail API's servers accept them.
import { checkAddOnManifest, checkUrlFetchWhitelist } from '../fidelity/manifest';
import { KILL_MESSAGE, TRANSIENT_MESSAGE } from '../faults';
import { projectFromSources, type Manifest } from '../project';
import { allowedByPrefix, EXTERNAL_REQUEST_SCOPE } from '../services/url-fetch';
import { TOKEN_LIFETIME_MS } from '../web';
import { ALICE, twoUserWorld } from './helpers';

const READ = 'https://www.googleapis.com/auth/gmail.readonly';

const SCRIPT = `
var THREAD = 'https://gmail.googleapis.com/gmail/v1/users/me/threads/';
function get(spec) {
  var params = { muteHttpExceptions: spec.mute !== false, headers: {} };
  if (spec.token !== null) params.headers.Authorization = 'Bearer ' + (spec.token || ScriptApp.getOAuthToken());
  try {
    var r = UrlFetchApp.fetch(spec.url || THREAD + (spec.id || 'ffff') + '?format=minimal', params);
    return { code: r.getResponseCode(), text: r.getContentText(), type: r.getBlob().getContentType() };
  } catch (e) {
    return { thrown: String(e), name: e.name, isError: e instanceof Error };
  }
}
function both(urls) {
  var token = ScriptApp.getOAuthToken();
  return UrlFetchApp.fetchAll(urls.map(function (url) {
    return { url: url, headers: { Authorization: 'Bearer ' + token }, muteHttpExceptions: true };
  })).map(function (r) { return r.getResponseCode(); });
}
function token() { return ScriptApp.getOAuthToken(); }
function sendOne() { GmailApp.sendEmail('${ALICE}', 'Note', 'to self'); return GmailApp.search('in:sent')[0].getId(); }
`;

let counter = 0;
function project(extra: Partial<Manifest> = {}, scopes = [READ, EXTERNAL_REQUEST_SCOPE]) {
  counter += 1;
  return projectFromSources(
    `fetcher-${counter}`,
    { timeZone: 'Etc/UTC', oauthScopes: scopes, ...extra },
    { 'Code.js': SCRIPT },
  );
}

type Outcome = { code?: number; text?: string; type?: string; thrown?: string; name?: string };
const outcome = (result: { value: unknown; error?: string }): Outcome => {
  expect(result.error).toBeUndefined();
  return result.value as Outcome;
};

describe('UrlFetchApp', () => {
  it('needs the external_request scope when the manifest lists its scopes', () => {
    const world = twoUserWorld();
    const result = outcome(
      world.run({ project: project({}, [READ]), as: ALICE, fn: 'get', event: {} }),
    );
    expect(result).toMatchObject({
      thrown:
        'Exception: You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
      name: 'Exception',
      isError: true,
    });
  });

  it('refuses a URL outside the manifest’s urlFetchWhitelist and lets one inside through', () => {
    const world = twoUserWorld();
    const listed = project({
      urlFetchWhitelist: ['https://gmail.googleapis.com/gmail/v1/users/me/'],
    });
    const refused = outcome(
      world.run({
        project: listed,
        as: ALICE,
        fn: 'get',
        event: { url: 'https://www.googleapis.com/gmail/v1/users/me/threads/ab' },
      }),
    );
    expect(refused.thrown).toBe(
      'Exception: Request to https://www.googleapis.com/gmail/v1/users/me/threads/ab failed because the URL has not been whitelisted in the script manifest.',
    );
    expect(outcome(world.run({ project: listed, as: ALICE, fn: 'get', event: {} })).code).toBe(404);
  });

  it('matches allowlist prefixes as Apps Script documents: same host, a parent path, `*.` for subdomains', () => {
    const url = (text: string) => new URL(text);
    expect(allowedByPrefix(url('https://example.com/foo'), 'https://example.com/foo')).toBe(true);
    expect(allowedByPrefix(url('https://example.com/foo/bar'), 'https://example.com/foo')).toBe(
      true,
    );
    expect(allowedByPrefix(url('https://example.com/foo?bar'), 'https://example.com/foo')).toBe(
      true,
    );
    expect(allowedByPrefix(url('https://example.com/foobar'), 'https://example.com/foo')).toBe(
      false,
    );
    expect(allowedByPrefix(url('https://example.com/Foo'), 'https://example.com/foo')).toBe(false);
    expect(allowedByPrefix(url('http://example.com/foo'), 'https://example.com/foo')).toBe(false);
    expect(allowedByPrefix(url('https://a.b.example.com/x'), 'https://*.example.com/')).toBe(true);
    expect(allowedByPrefix(url('https://example.com/x'), 'https://*.example.com/')).toBe(false);
  });

  it('throws Apps Script’s DNS error for a host that does not exist offline', () => {
    const world = twoUserWorld();
    const result = outcome(
      world.run({
        project: project(),
        as: ALICE,
        fn: 'get',
        event: { url: 'https://api.example.org/v1?x=1' },
      }),
    );
    expect(result.thrown).toBe('Exception: DNS error: https://api.example.org/v1?x=1');
  });

  it('throws on an HTTP error unless muteHttpExceptions is true, quoting the start of the body', () => {
    const world = twoUserWorld();
    const fetcher = project();
    const muted = outcome(world.run({ project: fetcher, as: ALICE, fn: 'get', event: {} }));
    expect(muted.code).toBe(404);
    expect(muted.type).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(muted.text!).error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    const thrown = outcome(
      world.run({ project: fetcher, as: ALICE, fn: 'get', event: { mute: false } }),
    );
    expect(thrown.thrown).toBe(
      `Exception: Request failed for https://gmail.googleapis.com returned code 404. Truncated server response: ${muted.text!.slice(0, 147)}... (use muteHttpExceptions option to examine full response)`,
    );
    const unauthorized = outcome(
      world.run({ project: fetcher, as: ALICE, fn: 'get', event: { mute: false, token: null } }),
    );
    expect(unauthorized.thrown).toMatch(
      /^Exception: Request failed for https:\/\/gmail\.googleapis\.com returned code 401\./,
    );
  });

  it('charges one urlfetch per fetch and stops at the daily quota', () => {
    const world = twoUserWorld();
    const fetcher = project();
    const before = world.remainingQuota(ALICE, 'urlFetch');
    const run = world.run({
      project: fetcher,
      as: ALICE,
      fn: 'both',
      event: [
        'https://gmail.googleapis.com/gmail/v1/users/me/messages',
        'https://www.googleapis.com/gmail/v1/users/me/threads/ab',
      ],
    });
    expect(run.value).toEqual([200, 404]);
    expect(run.methods['UrlFetchApp.fetchAll']).toBe(1);
    expect(world.remainingQuota(ALICE, 'urlFetch')).toBe(before - 2);
    world.quotas.overrides.workspace = { urlFetch: 2 };
    expect(outcome(world.run({ project: fetcher, as: ALICE, fn: 'get', event: {} })).thrown).toBe(
      'Exception: Service invoked too many times for one day: urlfetch.',
    );
  });

  it('meets injected faults like any service call: a transient error, a kill at the fetch', () => {
    const world = twoUserWorld();
    const fetcher = project();
    const before = world.remainingQuota(ALICE, 'urlFetch');
    const transient = world.run({
      project: fetcher,
      as: ALICE,
      fn: 'get',
      event: {},
      faults: { transient: [{ service: 'UrlFetchApp', share: 1 }] },
    });
    expect((transient.value as Outcome).thrown).toBe(`Error: ${TRANSIENT_MESSAGE}`);
    // call 1 is ScriptApp.getOAuthToken, call 2 the fetch
    const killed = world.run({
      project: fetcher,
      as: ALICE,
      fn: 'get',
      event: {},
      faults: { killAtCall: 2 },
    });
    expect(killed).toMatchObject({ killed: true, error: KILL_MESSAGE });
    expect(killed.methods['UrlFetchApp.fetch']).toBeUndefined();
    expect(world.remainingQuota(ALICE, 'urlFetch')).toBe(before);
  });
});

describe('ScriptApp.getOAuthToken', () => {
  it('gives one opaque token per user and project for an hour, then a new one; the old one stops working', () => {
    const world = twoUserWorld();
    const fetcher = project();
    const first = world.run({ project: fetcher, as: ALICE, fn: 'token' }).value as string;
    expect(first).toMatch(/^ya29\.[0-9a-z]{40}$/);
    expect(first).not.toContain('alice');
    expect(world.run({ project: fetcher, as: ALICE, fn: 'token' }).value).toBe(first);
    expect(world.run({ project: project(), as: ALICE, fn: 'token' }).value).not.toBe(first);
    const threadId = world.run({ project: fetcher, as: ALICE, fn: 'sendOne' }).value as string;
    const read = (token?: string) =>
      outcome(world.run({ project: fetcher, as: ALICE, fn: 'get', event: { id: threadId, token } }))
        .code;
    expect(read(first)).toBe(200);
    world.advance(TOKEN_LIFETIME_MS);
    expect(read(first)).toBe(401);
    expect(read()).toBe(200);
  });

  it('stops working when the user revokes the add-on', () => {
    const world = twoUserWorld();
    const fetcher = project();
    const token = world.run({ project: fetcher, as: ALICE, fn: 'token' }).value as string;
    world.revoke(ALICE);
    world.install(fetcher, ALICE);
    expect(
      outcome(world.run({ project: fetcher, as: ALICE, fn: 'get', event: { token } })).code,
    ).toBe(401);
    expect(outcome(world.run({ project: fetcher, as: ALICE, fn: 'get', event: {} })).code).toBe(
      404,
    );
  });
});

describe('the manifest check', () => {
  const addOn = { addOns: { common: { name: 'x' } } };
  it('accepts urlFetchWhitelist as a list of https prefixes with a path', () => {
    expect(
      checkAddOnManifest({
        ...addOn,
        urlFetchWhitelist: ['https://gmail.googleapis.com/batch/', 'https://*.example.com/api/'],
      }),
    ).toEqual([]);
  });
  it('names each prefix that is not one', () => {
    expect(checkUrlFetchWhitelist(['http://a.com/', 'https://a.com', 'https://a.com/x'])).toEqual([
      'urlFetchWhitelist[0]: "http://a.com/" is not an https:// prefix with a full domain and a path (https://host/...)',
      'urlFetchWhitelist[1]: "https://a.com" is not an https:// prefix with a full domain and a path (https://host/...)',
    ]);
    expect(checkUrlFetchWhitelist('https://a.com/')).toEqual([
      'urlFetchWhitelist: expected a list of URL prefixes',
    ]);
  });
});
