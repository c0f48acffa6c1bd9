// The Gmail batch endpoint reached through UrlFetchApp in the real World: a script sends one
// multipart request of Gmail reads with its own OAuth token and gets the API's answers, audited,
// charged and refused exactly as Google (and the emulator's advanced service) would.
import { projectFromSources, type Manifest } from '../../project';
import { World } from '../../world';
import { EXTERNAL_REQUEST_SCOPE } from '../../services/url-fetch';

const ALICE = 'alice@acme.com';
const BOB = 'bob@acme.com';
const SCOPES = {
  modify: 'https://www.googleapis.com/auth/gmail.modify',
  metadata: 'https://www.googleapis.com/auth/gmail.metadata',
  send: 'https://www.googleapis.com/auth/gmail.send',
};

const SCRIPT = `
function send(count) {
  for (var i = 0; i < count; i++) GmailApp.sendEmail('cand' + i + '@mail.test', 'Role ' + i, 'Hello ' + i);
}
function token() { return ScriptApp.getOAuthToken(); }
// spec: { calls: [path], token?: string | null, ids?: false, mute?: false, url?: string }
function batch(spec) {
  var boundary = 'test_boundary_42';
  var body = spec.calls.map(function (path, i) {
    return '--' + boundary + '\\r\\nContent-Type: application/http\\r\\n' +
      (spec.ids === false ? '' : 'Content-ID: <item-' + i + '>\\r\\n') +
      '\\r\\nGET ' + path + '\\r\\n\\r\\n';
  }).join('') + '--' + boundary + '--\\r\\n';
  var bearer = spec.token === undefined ? ScriptApp.getOAuthToken() : spec.token;
  var headers = bearer === null ? {} : { Authorization: 'Bearer ' + bearer };
  try {
    var response = UrlFetchApp.fetch(spec.url || 'https://gmail.googleapis.com/batch/gmail/v1', {
      method: 'post',
      contentType: 'multipart/mixed; boundary=' + boundary,
      payload: body,
      headers: headers,
      muteHttpExceptions: spec.mute !== false,
    });
    return { code: response.getResponseCode(), type: response.getHeaders()['Content-Type'], text: response.getContentText() };
  } catch (e) {
    return { thrown: String(e) };
  }
}
function advanced(ids) {
  return {
    thread: Gmail.Users.Threads.get('me', ids.threadId, { format: 'metadata', metadataHeaders: ['Message-ID', 'Subject'] }),
    message: Gmail.Users.Messages.get('me', ids.messageId, { format: 'minimal' }),
    list: Gmail.Users.Messages.list('me', { q: 'in:sent', maxResults: 2 }),
  };
}
function fetchUrl(url) {
  try { return UrlFetchApp.fetch(url).getResponseCode(); } catch (e) { return String(e); }
}
`;

function manifest(scopes: string[], extra: Partial<Manifest> = {}): Manifest {
  return {
    timeZone: 'Etc/UTC',
    oauthScopes: scopes,
    dependencies: {
      enabledAdvancedServices: [{ userSymbol: 'Gmail', serviceId: 'gmail', version: 'v1' }],
    },
    ...extra,
  };
}

const FULL = manifest([SCOPES.modify, SCOPES.send, EXTERNAL_REQUEST_SCOPE]);

let projects = 0;
function setUp(projectManifest: Manifest = FULL, sent = 3) {
  const world = new World({ seed: 11, start: '2026-03-02T08:00:00Z' });
  world.addUser({ email: ALICE, name: 'Alice' });
  world.addUser({ email: BOB, name: 'Bob' });
  projects += 1;
  const project = projectFromSources(`batch-${projects}`, projectManifest, { 'Code.js': SCRIPT });
  const sender = projectFromSources(`sender-${projects}`, FULL, { 'Code.js': SCRIPT });
  world.run({ project: sender, as: ALICE, fn: 'send', event: sent });
  const mailbox = world.mail.mailbox(ALICE);
  const threads = mailbox.threadIds();
  const run = (fn: string, event?: unknown, as = ALICE) => world.run({ project, as, fn, event });
  return { world, project, run, threads, mailbox };
}

interface Answer {
  contentId?: string;
  status: number;
  body: unknown;
}

/** Reads a multipart/mixed batch response the way a client would. */
function decode(type: string, text: string): Answer[] {
  const boundary = /boundary=([^;\s]+)/.exec(type)?.[1];
  if (!boundary) throw new Error(`no boundary in ${type}`);
  return text
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => {
      const [head, statusHead, ...body] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const json = body.join('\r\n\r\n').trim();
      return {
        contentId: /Content-ID: (.*)/.exec(head)?.[1],
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusHead)?.[1]),
        body: json.startsWith('{') ? JSON.parse(json) : json,
      };
    });
}

function batchOf(result: { value: unknown; error?: string }): Answer[] {
  expect(result.error).toBeUndefined();
  const value = result.value as { code: number; type: string; text: string };
  expect(value.code).toBe(200);
  return decode(value.type, value.text);
}

const threadPath = (id: string, query = 'format=metadata&metadataHeaders=Message-ID') =>
  `/gmail/v1/users/me/threads/${id}?${query}`;

describe('the Gmail batch endpoint through UrlFetchApp', () => {
  it('answers threads, messages and a list in one request, in order, as the advanced service does', () => {
    const { world, run, threads, mailbox } = setUp();
    const messageId = mailbox.thread(threads[1])[0].id;
    const batch = run('batch', {
      calls: [
        threadPath(
          threads[0],
          'format=metadata&metadataHeaders=Message-ID&metadataHeaders=Subject',
        ),
        `/gmail/v1/users/me/messages/${messageId}?format=minimal`,
        '/gmail/v1/users/me/messages?q=in%3Asent&maxResults=2',
      ],
    });
    const answers = batchOf(batch);
    const direct = run('advanced', { threadId: threads[0], messageId });
    expect(answers.map((a) => [a.contentId, a.status])).toEqual([
      ['<response-item-0>', 200],
      ['<response-item-1>', 200],
      ['<response-item-2>', 200],
    ]);
    const expected = direct.value as { thread: unknown; message: unknown; list: unknown };
    expect(answers.map((a) => a.body)).toEqual([expected.thread, expected.message, expected.list]);
    expect(answers[2].body).toMatchObject({ resultSizeEstimate: 3, nextPageToken: '2' });
    // the same reads leave the same audit, whichever way they were made
    const auditOf = (executionId: number) =>
      world.audit
        .filter((a) => a.executionId === executionId)
        .map(({ service, method, resource }) => ({ service, method, resource }));
    expect(auditOf(batch.executionId)).toEqual(auditOf(direct.executionId));
    expect(auditOf(batch.executionId)).toHaveLength(4);
  });

  it('refuses the whole request with 401 without a token, with a foreign one, or with another user’s', () => {
    const { run, threads, world, project } = setUp();
    const bobs = world.run({ project, as: BOB, fn: 'token' }).value as string;
    const tries = [null, 'ya29.not-from-google', bobs].map((token) =>
      run('batch', { calls: [threadPath(threads[0])], token }),
    );
    const bodies = tries.map((t) => JSON.parse((t.value as { text: string }).text));
    expect(tries.map((t) => (t.value as { code: number }).code)).toEqual([401, 401, 401]);
    expect(bodies[0].error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [{ reason: 'required', location: 'Authorization', locationType: 'header' }],
    });
    expect(bodies[1].error.errors[0]).toMatchObject({
      reason: 'authError',
      message: 'Invalid Credentials',
    });
    expect(bodies[2]).toEqual(bodies[1]);
    // nothing was read
    expect(world.audit.filter((a) => tries.some((t) => t.executionId === a.executionId))).toEqual(
      [],
    );
  });

  it('gives parts past 250 quota units in a second 429: 25 of 30 threads.get go through', () => {
    const { run, threads, world } = setUp(FULL, 30);
    const result = run('batch', { calls: threads.map((id) => threadPath(id)) });
    const answers = batchOf(result);
    expect(answers.map((a) => a.status)).toEqual([...Array(25).fill(200), ...Array(5).fill(429)]);
    expect(answers[29].body).toEqual({
      error: {
        code: 429,
        message: 'Too many concurrent requests for user',
        errors: [
          {
            message: 'Too many concurrent requests for user',
            domain: 'usageLimits',
            reason: 'rateLimitExceeded',
          },
        ],
        status: 'RESOURCE_EXHAUSTED',
      },
    });
    // refused parts read nothing; the next second has room again
    expect(world.audit.filter((a) => a.executionId === result.executionId)).toHaveLength(25);
    world.advance(1000);
    expect(
      batchOf(run('batch', { calls: threads.slice(25).map((id) => threadPath(id)) })).map(
        (a) => a.status,
      ),
    ).toEqual(Array(5).fill(200));
  });
});
