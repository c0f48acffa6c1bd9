// The Gmail batch endpoint reached through UrlFetchApp in the real World: a script sends one
// multipart request of Gmail reads with its own OAuth token and gets the API's answers, audited,
// charged and refused exactly as Google (and the emulator's advanced service) would.
import { projectFromSources, type Manifest } from '../../project';
import { World } from '../../world';
import { EXTERNAL_REQUEST_SCOPE } from '../../services/url-fetch';
import { gmailRateWindowOf, USER_UNITS_PER_MINUTE } from '../rate-limit';

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
      '\\r\\n' + (path.indexOf(' ') > 0 ? path : 'GET ' + path) + '\\r\\n\\r\\n';
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
function sendThenBatch(spec) {
  var raw = Utilities.base64EncodeWebSafe('To: cand0@mail.test\\r\\nSubject: Again\\r\\n\\r\\nHello');
  Gmail.Users.Messages.send({ raw: raw }, 'me');
  return batch(spec);
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

  it('gives byte fields as base64url strings, as the REST API does, not byte arrays', () => {
    const { run, threads } = setUp();
    const [answer] = batchOf(run('batch', { calls: [threadPath(threads[1], 'format=full')] }));
    const data = (answer.body as { messages: { payload: { body: { data: unknown } } }[] })
      .messages[0].payload.body.data;
    expect(typeof data).toBe('string');
    expect(Buffer.from(data as string, 'base64url').toString('utf8')).toMatch(/^Hello \d/);
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

  it("refuses parts past the user's units a minute with 403 userRateLimitExceeded", () => {
    const { run, threads, world } = setUp(FULL, 30);
    // 250 units a minute for the test: 25 threads.get (10 units each) fit, 5 do not.
    gmailRateWindowOf(world).unitsPerMinute = 250;
    const result = run('batch', { calls: threads.map((id) => threadPath(id)) });
    const answers = batchOf(result);
    expect(answers.map((a) => a.status)).toEqual([...Array(25).fill(200), ...Array(5).fill(403)]);
    expect(answers[29].body).toEqual({
      error: {
        code: 403,
        message: 'User Rate Limit Exceeded',
        errors: [
          {
            message: 'User Rate Limit Exceeded',
            domain: 'usageLimits',
            reason: 'userRateLimitExceeded',
          },
        ],
        status: 'PERMISSION_DENIED',
      },
    });
    // refused parts read nothing; the next minute has room again
    expect(world.audit.filter((a) => a.executionId === result.executionId)).toHaveLength(25);
    world.advance(60_000);
    expect(
      batchOf(run('batch', { calls: threads.slice(25).map((id) => threadPath(id)) })).map(
        (a) => a.status,
      ),
    ).toEqual(Array(5).fill(200));
  });

  it('allows 6,000 units a user a minute by default (a project created since May 2026)', () => {
    const { world } = setUp(FULL, 1);
    expect(gmailRateWindowOf(world).unitsPerMinute).toBe(USER_UNITS_PER_MINUTE.since2026May);
    expect(USER_UNITS_PER_MINUTE.since2026May).toBe(6000);
  });

  it('refuses an advanced-service call past the limit with the API error Apps Script shows', () => {
    const { run, world } = setUp(FULL, 1);
    gmailRateWindowOf(world).unitsPerMinute = 250;
    expect(run('sendThenBatch', { calls: [] }).error).toBeUndefined();
    expect(run('sendThenBatch', { calls: [] }).error).toBeUndefined();
    expect(run('sendThenBatch', { calls: [] }).error).toBe(
      'API call to gmail.users.messages.send failed with error: User Rate Limit Exceeded',
    );
    world.advance(60_000);
    expect(run('sendThenBatch', { calls: [] }).error).toBeUndefined();
  });

  it('counts the advanced service’s calls of the last minute in the same window', () => {
    const { run, threads, world } = setUp(FULL, 25);
    gmailRateWindowOf(world).unitsPerMinute = 250;
    const answers = batchOf(run('sendThenBatch', { calls: threads.map((id) => threadPath(id)) }));
    // the send spent 100 of the 250 units: room for 15 thread reads
    expect(answers.map((a) => a.status)).toEqual([...Array(15).fill(200), ...Array(10).fill(403)]);
  });

  it('charges one urlfetch for the request and one Gmail read per answered part, and costs one call', () => {
    const { run, threads, world } = setUp();
    const reads = world.remainingQuota(ALICE, 'emailReadWrite');
    const fetches = world.remainingQuota(ALICE, 'urlFetch');
    const result = run('batch', { calls: threads.map((id) => threadPath(id)) });
    expect(batchOf(result)).toHaveLength(3);
    expect(world.remainingQuota(ALICE, 'emailReadWrite')).toBe(reads - 3);
    expect(world.remainingQuota(ALICE, 'urlFetch')).toBe(fetches - 1);
    expect(result.methods).toEqual({ 'ScriptApp.getOAuthToken': 1, 'UrlFetchApp.fetch': 1 });
    // a Gmail call's latency (100-400 ms) plus 5-15 ms a part, plus the token's ScriptApp call
    expect(result.simulatedMs).toBeGreaterThanOrEqual(100 + 3 * 5 + 100);
    expect(result.simulatedMs).toBeLessThanOrEqual(400 + 3 * 15 + 400);
  });

  it('refuses more than 100 parts with 400 for the whole batch, and reads nothing', () => {
    const { run, threads, world } = setUp();
    const result = run('batch', { calls: Array(101).fill(threadPath(threads[0])) });
    const value = result.value as { code: number; text: string };
    expect(value.code).toBe(400);
    expect(JSON.parse(value.text).error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: 'A batch request may hold at most 100 calls; this one holds 101.',
    });
    expect(world.audit.filter((a) => a.executionId === result.executionId)).toEqual([]);
  });

  it('answers each bad part on its own: unknown entity, unknown path, bad id, full URL, unbuilt method', () => {
    const { run, threads } = setUp();
    const answers = batchOf(
      run('batch', {
        calls: [
          threadPath('ffff0000ffff0000'),
          '/drive/v3/files',
          threadPath('not-an-id'),
          `GET https://gmail.googleapis.com${threadPath(threads[0])}`,
          'POST /gmail/v1/users/me/messages/send',
          `${threadPath(threads[0])}&fields=id`,
          `${threadPath(threads[0])}&colour=red`,
          threadPath(threads[0]),
        ],
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 400, 400, 501, 501, 400, 200]);
    expect(answers[0].body).toEqual({
      error: {
        code: 404,
        message: 'Requested entity was not found.',
        errors: [
          { message: 'Requested entity was not found.', domain: 'global', reason: 'notFound' },
        ],
        status: 'NOT_FOUND',
      },
    });
    expect(answers[1].body).toContain(
      'The requested URL <code>/drive/v3/files</code> was not found',
    );
    expect(answers[2].body).toMatchObject({ error: { message: 'Invalid id value' } });
    expect(answers[6].body).toMatchObject({
      error: { message: expect.stringContaining('Unknown name "colour"') },
    });
  });

  it('lets the token’s scopes decide: no Gmail read scope is 403, gmail.metadata only reads metadata', () => {
    const sendOnly = setUp(manifest([SCOPES.send, EXTERNAL_REQUEST_SCOPE]));
    expect(
      batchOf(sendOnly.run('batch', { calls: [threadPath(sendOnly.threads[0])] }))[0].body,
    ).toEqual({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [
          {
            message: 'Insufficient Permission',
            domain: 'global',
            reason: 'insufficientPermissions',
          },
        ],
        status: 'PERMISSION_DENIED',
      },
    });
    const metadata = setUp(manifest([SCOPES.metadata, EXTERNAL_REQUEST_SCOPE]));
    const answers = batchOf(
      metadata.run('batch', {
        calls: [
          threadPath(metadata.threads[0]),
          threadPath(metadata.threads[0], 'format=full'),
          '/gmail/v1/users/me/messages?q=in%3Asent',
          '/gmail/v1/users/me/messages?maxResults=1',
        ],
      }),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 403, 403, 200]);
    expect(answers[1].body).toMatchObject({
      error: { message: "Metadata scope doesn't allow format FULL" },
    });
    expect(answers[2].body).toMatchObject({
      error: { message: "Metadata scope does not support 'q' parameter" },
    });
  });

  it('serves the legacy www.googleapis.com endpoint, and echoes no Content-ID when none was sent', () => {
    const { run, threads } = setUp();
    const raw = run('batch', {
      url: 'https://www.googleapis.com/batch/gmail/v1',
      calls: [threadPath(threads[0])],
      ids: false,
    }).value as { text: string };
    expect(raw.text).not.toContain('Content-ID');
    expect(raw.text).toContain('HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=UTF-8');
  });

  it('throws Apps Script’s error for a refused batch unless muteHttpExceptions is set', () => {
    const { run, threads } = setUp();
    const result = run('batch', { calls: [threadPath(threads[0])], token: null, mute: false });
    expect((result.value as { thrown: string }).thrown).toMatch(
      /^Exception: Request failed for https:\/\/gmail\.googleapis\.com returned code 401\. Truncated server response: \{\n {2}"error": \{/,
    );
  });

  it('reads nothing when the execution is killed at the fetch or the fetch fails', () => {
    const { world, project, threads } = setUp();
    const spec = { calls: [threadPath(threads[0])] };
    const killed = world.run({
      project,
      as: ALICE,
      fn: 'batch',
      event: spec,
      faults: { killAtCall: 2 },
    });
    const failed = world.run({
      project,
      as: ALICE,
      fn: 'batch',
      event: spec,
      faults: { transient: [{ service: 'UrlFetchApp', share: 1 }] },
    });
    expect(killed).toMatchObject({ killed: true, error: 'Exceeded maximum execution time' });
    expect((failed.value as { thrown: string }).thrown).toMatch(/server error occurred/);
    const ids = [killed.executionId, failed.executionId];
    expect(world.audit.filter((a) => ids.includes(a.executionId))).toEqual([]);
  });
});
