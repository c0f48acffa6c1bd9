// The Gmail advanced service as a script calls it: raw sends with threadId, message formats,
// lists, labels, drafts (and their disappearance once sent), history, errors and audit.
import { base64UrlEncode, buildMessage } from '../mime';
import { FakeKernel } from './fake-world';

const DAY = 24 * 60 * 60 * 1000;

function setup(options = {}) {
  const kernel = new FakeKernel(options);
  kernel.addUser('rita@acme.com', 'Rita Recruiter');
  const cand = kernel.mail.createMailbox('cand@mail.test', 'Cara');
  const run = kernel.execute('rita@acme.com');
  return { kernel, cand, ...run };
}

function raw(
  subject: string,
  extra: { name: string; value: string }[] = [],
  to = 'cand@mail.test',
): string {
  return base64UrlEncode(
    buildMessage({
      headers: [
        { name: 'From', value: 'Rita <rita@acme.com>' },
        { name: 'To', value: to },
        { name: 'Subject', value: subject },
        ...extra,
      ],
      text: 'Bonjour 👋',
    }),
  );
}

function thrown(
  fn: () => unknown,
): Error & { details?: { code: number; errors: { reason: string }[] } } {
  try {
    fn();
  } catch (error) {
    return error as Error & { details?: { code: number; errors: { reason: string }[] } };
  }
  throw new Error('expected an error');
}

const bytesToString = (bytes: unknown) =>
  Buffer.from((bytes as number[]).map((n) => n & 0xff)).toString('utf8');

describe('Gmail.Users.Messages', () => {
  it('sends raw MIME and returns id, threadId and labelIds', () => {
    const { Gmail, cand } = setup();
    const sent = Gmail.Users.Messages.send({ raw: raw('Hello') }, 'me');
    expect(sent).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      threadId: sent.id,
      labelIds: ['SENT'],
    });
    expect(cand.messages.size).toBe(1);
  });

  it('follows up in the same thread with threadId, references and the same subject', () => {
    const { Gmail } = setup();
    const first = Gmail.Users.Messages.send({ raw: raw('Role') }, 'me');
    const meta = Gmail.Users.Messages.get('me', first.id!, {
      format: 'metadata',
      metadataHeaders: ['Message-ID'],
    });
    const rfcId = meta.payload!.headers![0].value!;
    const second = Gmail.Users.Messages.send(
      {
        raw: raw('Re: Role', [
          { name: 'In-Reply-To', value: rfcId },
          { name: 'References', value: rfcId },
        ]),
        threadId: first.threadId,
      },
      'me',
    );
    expect(second.threadId).toBe(first.threadId);
  });

  it('returns the formats minimal, metadata, full and raw', () => {
    const { Gmail } = setup();
    const sent = Gmail.Users.Messages.send(
      { raw: raw('Café ☕', [{ name: 'X-Baton-Key', value: 'k9' }]) },
      'me',
    );
    const minimal = Gmail.Users.Messages.get('me', sent.id!, { format: 'minimal' });
    expect(minimal.payload).toBeUndefined();
    expect(minimal.labelIds).toEqual(['SENT']);
    const metadata = Gmail.Users.Messages.get('me', sent.id!, {
      format: 'metadata',
      metadataHeaders: ['Subject', 'X-Baton-Key'],
    });
    expect(metadata.payload!.headers).toEqual([
      { name: 'Subject', value: 'Café ☕' },
      { name: 'X-Baton-Key', value: 'k9' },
    ]);
    const full = Gmail.Users.Messages.get('me', sent.id!);
    expect(full.payload!.mimeType).toBe('text/plain');
    expect(bytesToString(full.payload!.body!.data)).toBe('Bonjour 👋');
    expect(full.snippet).toBe('Bonjour 👋');
    const rawForm = Gmail.Users.Messages.get('me', sent.id!, { format: 'raw' });
    expect(Array.isArray(rawForm.raw)).toBe(true);
    expect(bytesToString(rawForm.raw)).toContain('X-Baton-Key: k9');
  });

  it('returns bytes as base64url when the world is set to the REST API style', () => {
    const { Gmail } = setup({ byteFields: 'base64url' });
    const sent = Gmail.Users.Messages.send({ raw: raw('x') }, 'me');
    const rawForm = Gmail.Users.Messages.get('me', sent.id!, { format: 'raw' });
    expect(typeof rawForm.raw).toBe('string');
    expect(Buffer.from(rawForm.raw!, 'base64url').toString()).toContain('Subject: x');
  });

  it('fails like Apps Script for an unknown message id', () => {
    const { Gmail } = setup();
    const error = thrown(() => Gmail.Users.Messages.get('me', '0000000000000000'));
    expect(error.name).toBe('GoogleJsonResponseException');
    expect(error.message).toBe(
      'API call to gmail.users.messages.get failed with error: Requested entity was not found.',
    );
    expect(error.details).toEqual({
      code: 404,
      message: 'Requested entity was not found.',
      errors: [
        { reason: 'notFound', domain: 'global', message: 'Requested entity was not found.' },
      ],
    });
  });

  it('lists by query and label, newest first, with pages', () => {
    const { Gmail, kernel } = setup();
    const ids = ['a', 'b', 'c'].map((s) => {
      kernel.advance(1000);
      return Gmail.Users.Messages.send({ raw: raw(`Subject ${s}`) }, 'me').id;
    });
    const page1 = Gmail.Users.Messages.list('me', {
      q: 'in:sent to:cand@mail.test',
      maxResults: 2,
    });
    expect(page1.messages!.map((m) => m.id)).toEqual([ids[2], ids[1]]);
    expect(page1.resultSizeEstimate).toBe(3);
    const page2 = Gmail.Users.Messages.list('me', {
      q: 'in:sent',
      maxResults: 2,
      pageToken: page1.nextPageToken,
    });
    expect(page2.messages!.map((m) => m.id)).toEqual([ids[0]]);
    expect(page2.nextPageToken).toBeUndefined();
    expect(Gmail.Users.Messages.list('me', { labelIds: ['INBOX'] })).toEqual({
      resultSizeEstimate: 0,
    });
  });

  it('finds any of several alternatives: {to:a to:b} and a OR b, negated groups too', () => {
    const { Gmail } = setup();
    const to = (address: string) =>
      Gmail.Users.Messages.send({ raw: raw(`For ${address}`, [], address) }, 'me').id;
    const [ann, bo] = [to('ann@mail.test'), to('bo@mail.test'), to('cy@mail.test')];
    const found = (q: string) =>
      (Gmail.Users.Messages.list('me', { q }).messages ?? []).map((m) => m.id).sort();
    expect(found('in:sent {to:ann@mail.test to:bo@mail.test}')).toEqual([ann, bo].sort());
    expect(found('in:sent to:ann@mail.test OR to:bo@mail.test')).toEqual([ann, bo].sort());
    expect(found('in:sent -{to:ann@mail.test to:bo@mail.test}')).toHaveLength(1);
    expect(found('in:sent to:ann@mail.test to:bo@mail.test')).toEqual([]);
    expect(found('in:sent to:ann@mail.test OR to:bo@mail.test OR to:cy@mail.test')).toHaveLength(3);
    expect(found('in:sent {to:ann@mail.test to:bo@mail.test} OR to:cy@mail.test')).toHaveLength(3);
    expect(found('in:sent -{to:ann@mail.test to:bo@mail.test} OR to:ann@mail.test')).toHaveLength(
      2,
    );
  });

  it('leaves trash out of message and thread lists unless includeSpamTrash asks for it', () => {
    const { Gmail } = setup();
    const sent = Gmail.Users.Messages.send({ raw: raw('Binned') }, 'me');
    Gmail.Users.Messages.trash('me', sent.id!);
    const listed = (withTrash: boolean) => [
      (
        Gmail.Users.Messages.list('me', { q: 'subject:binned', includeSpamTrash: withTrash })
          .messages ?? []
      ).map((m) => m.threadId),
      (
        Gmail.Users.Threads.list('me', { q: 'subject:binned', includeSpamTrash: withTrash })
          .threads ?? []
      ).map((t) => t.id),
    ];
    expect(listed(false)).toEqual([[], []]);
    expect(listed(true)).toEqual([[sent.threadId], [sent.threadId]]);
  });

  it('modifies labels one by one and in batches', () => {
    const { Gmail } = setup();
    const label = Gmail.Users.Labels.create({ name: 'Baton/Campaign 1' }, 'me');
    expect(label.id).toMatch(/^Label_\d+$/);
    const a = Gmail.Users.Messages.send({ raw: raw('a') }, 'me');
    const b = Gmail.Users.Messages.send({ raw: raw('b') }, 'me');
    expect(Gmail.Users.Messages.modify({ addLabelIds: [label.id!] }, 'me', a.id!).labelIds).toEqual(
      ['SENT', label.id],
    );
    Gmail.Users.Messages.batchModify(
      { ids: [a.id!, b.id!], addLabelIds: ['STARRED'], removeLabelIds: [label.id!] },
      'me',
    );
    expect(Gmail.Users.Messages.get('me', b.id!, { format: 'minimal' }).labelIds).toEqual([
      'SENT',
      'STARRED',
    ]);
    expect(
      Gmail.Users.Messages.list('me', { q: 'label:baton-campaign-1' }).resultSizeEstimate,
    ).toBe(0);
    expect(Gmail.Users.Labels.get('me', 'STARRED').messagesTotal).toBe(2);
    const duplicate = thrown(() => Gmail.Users.Labels.create({ name: 'baton/campaign 1' }, 'me'));
    expect(duplicate.details!.code).toBe(409);
  });

  it('refuses another user id as Apps Script does without delegation', () => {
    const { Gmail } = setup();
    expect(thrown(() => Gmail.Users.Labels.list('hugo@acme.com')).message).toMatch(
      /^API call to gmail\.users\.labels\.list failed with error: Delegation denied/,
    );
  });

  it('reports the profile: address, totals and the current history id', () => {
    const { Gmail } = setup();
    const before = Number(Gmail.Users.getProfile('me').historyId);
    Gmail.Users.Messages.send({ raw: raw('x') }, 'me');
    const profile = Gmail.Users.getProfile('me');
    expect(profile.emailAddress).toBe('rita@acme.com');
    expect(profile.messagesTotal).toBe(1);
    expect(Number(profile.historyId)).toBeGreaterThan(before);
  });
});

describe('Gmail.Users.Drafts', () => {
  it('creates a draft, sends it, and the draft is then gone (404) while the message has a new id', () => {
    const { Gmail, cand } = setup();
    const draft = Gmail.Users.Drafts.create({ message: { raw: raw('Draft subject') } }, 'me');
    expect(draft.id).toMatch(/^r\d+$/);
    expect(draft.message!.labelIds).toEqual(['DRAFT']);
    expect(Gmail.Users.Drafts.get('me', draft.id!, { format: 'minimal' }).message!.id).toBe(
      draft.message!.id,
    );
    expect(
      Gmail.Users.Drafts.list('me', { q: 'to:cand@mail.test' }).drafts!.map((d) => d.id),
    ).toEqual([draft.id]);
    const sent = Gmail.Users.Drafts.send({ id: draft.id }, 'me');
    expect(sent.labelIds).toEqual(['SENT']);
    expect(sent.id).not.toBe(draft.message!.id);
    expect(cand.messages.size).toBe(1);
    const error = thrown(() => Gmail.Users.Drafts.get('me', draft.id!));
    expect(String(error)).toBe(
      'GoogleJsonResponseException: API call to gmail.users.drafts.get failed with error: Requested entity was not found.',
    );
    expect(thrown(() => Gmail.Users.Messages.get('me', draft.message!.id!)).details!.code).toBe(
      404,
    );
    expect(thrown(() => Gmail.Users.Drafts.send({ id: draft.id }, 'me')).details!.code).toBe(404);
    expect(Gmail.Users.Drafts.list('me')).toEqual({ resultSizeEstimate: 0 });
  });

  it('puts a reply draft in its thread and sends it there', () => {
    const { Gmail } = setup();
    const first = Gmail.Users.Messages.send({ raw: raw('Role') }, 'me');
    const rfcId = Gmail.Users.Messages.get('me', first.id!, {
      format: 'metadata',
      metadataHeaders: ['Message-ID'],
    }).payload!.headers![0].value!;
    const draft = Gmail.Users.Drafts.create(
      {
        message: {
          raw: raw('Re: Role', [{ name: 'References', value: rfcId }]),
          threadId: first.threadId,
        },
      },
      'me',
    );
    expect(draft.message!.threadId).toBe(first.threadId);
    const thread = Gmail.Users.Threads.get('me', first.threadId!, { format: 'minimal' });
    expect(thread.messages!.map((m) => m.labelIds)).toEqual([['SENT'], ['DRAFT']]);
    expect(Gmail.Users.Drafts.send({ id: draft.id }, 'me').threadId).toBe(first.threadId);
  });

  it('removes a draft', () => {
    const { Gmail } = setup();
    const draft = Gmail.Users.Drafts.create({ message: { raw: raw('x') } }, 'me');
    Gmail.Users.Drafts.remove('me', draft.id!);
    expect(thrown(() => Gmail.Users.Drafts.remove('me', draft.id!)).message).toBe(
      'API call to gmail.users.drafts.delete failed with error: Requested entity was not found.',
    );
  });
});

describe('Gmail.Users.History', () => {
  it('returns only the changes after startHistoryId', () => {
    const { Gmail, cand } = setup();
    const start = Gmail.Users.getProfile('me').historyId!;
    const sent = Gmail.Users.Messages.send({ raw: raw('Role') }, 'me');
    const candCopy = [...cand.messages.values()][0];
    cand.reply(candCopy.id, { text: 'Yes!' });
    const all = Gmail.Users.History.list('me', { startHistoryId: start });
    const added = all.history!.flatMap((h) => h.messagesAdded ?? []).map((a) => a.message!);
    expect(added.map((m) => m.labelIds)).toEqual([['SENT'], ['INBOX', 'UNREAD']]);
    expect(added.every((m) => m.threadId === sent.threadId)).toBe(true);
    const inboxOnly = Gmail.Users.History.list('me', {
      startHistoryId: start,
      historyTypes: ['messageAdded'],
      labelId: 'INBOX',
    });
    expect(inboxOnly.history).toHaveLength(1);
    const later = Gmail.Users.History.list('me', { startHistoryId: all.historyId });
    expect(later).toEqual({ historyId: all.historyId });
  });

  it('shows a bounce and an out-of-office reply as messages added to the sent threads', () => {
    const { Gmail, cand } = setup();
    cand.setAutoReply({ subject: 'Re: Role', body: 'Away until Monday' });
    const start = Gmail.Users.getProfile('me').historyId!;
    const toCandidate = Gmail.Users.Messages.send({ raw: raw('Role') }, 'me');
    const toNobody = Gmail.Users.Messages.send(
      { raw: raw('Role', [], 'nobody@nowhere.test') },
      'me',
    );
    const inbox = Gmail.Users.History.list('me', {
      startHistoryId: start,
      historyTypes: 'messageAdded',
      labelId: 'INBOX',
    });
    const added = inbox.history!.map((h) => h.messagesAdded![0].message!);
    expect(added.map((m) => m.threadId)).toEqual([toCandidate.threadId, toNobody.threadId]);
    const [ooo, dsn] = added.map(
      (m) =>
        Gmail.Users.Messages.get('me', m.id!, {
          format: 'metadata',
          metadataHeaders: ['From', 'Auto-Submitted'],
        }).payload!.headers,
    );
    expect(ooo).toEqual([
      { name: 'From', value: 'Cara <cand@mail.test>' },
      { name: 'Auto-Submitted', value: 'auto-replied' },
    ]);
    expect(dsn).toContainEqual({
      name: 'From',
      value: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    });
  });

  it('records label changes as labelAdded and labelRemoved', () => {
    const { Gmail } = setup();
    const sent = Gmail.Users.Messages.send({ raw: raw('x') }, 'me');
    const start = Gmail.Users.getProfile('me').historyId!;
    Gmail.Users.Messages.modify({ addLabelIds: ['STARRED'] }, 'me', sent.id!);
    Gmail.Users.Messages.modify({ removeLabelIds: ['STARRED'] }, 'me', sent.id!);
    const history = Gmail.Users.History.list('me', { startHistoryId: start }).history!;
    expect(
      history.map((h) => [h.labelsAdded?.[0]?.labelIds, h.labelsRemoved?.[0]?.labelIds]),
    ).toEqual([
      [['STARRED'], undefined],
      [undefined, ['STARRED']],
    ]);
  });

  it('fails with 404 for an id older than the kept history, and for an id ahead of the mailbox', () => {
    const { Gmail, kernel } = setup();
    const start = Gmail.Users.getProfile('me').historyId!;
    Gmail.Users.Messages.send({ raw: raw('x') }, 'me');
    kernel.advance(6 * DAY);
    expect(Gmail.Users.History.list('me', { startHistoryId: start }).history).toHaveLength(1);
    kernel.advance(2 * DAY);
    const expired = thrown(() => Gmail.Users.History.list('me', { startHistoryId: start }));
    expect(expired.message).toBe(
      'API call to gmail.users.history.list failed with error: Requested entity was not found.',
    );
    expect(expired.details!.code).toBe(404);
    const current = Gmail.Users.getProfile('me').historyId!;
    expect(Gmail.Users.History.list('me', { startHistoryId: current }).history).toBeUndefined();
    const ahead = thrown(() =>
      Gmail.Users.History.list('me', { startHistoryId: String(Number(current) + 1000) }),
    );
    expect(ahead.details!.code).toBe(404);
  });

  it('fails with 400 for an id that is not a number', () => {
    const { Gmail } = setup();
    const error = thrown(() => Gmail.Users.History.list('me', { startHistoryId: 'abc' }));
    expect(error.message).toBe(
      `API call to gmail.users.history.list failed with error: Invalid value at 'start_history_id' (TYPE_UINT64), "abc"`,
    );
    expect(error.details!.code).toBe(400);
  });
});

describe('Gmail advanced service accounting', () => {
  it('charges recipients on sends and read/write operations on the rest', () => {
    const { Gmail, ctx } = setup();
    const recipientsBefore = ctx.remainingQuota('emailRecipients');
    const readsBefore = ctx.remainingQuota('emailReadWrite');
    const sent = Gmail.Users.Messages.send(
      { raw: raw('x', [{ name: 'Cc', value: 'a@b.test, c@d.test' }]) },
      'me',
    );
    expect(ctx.remainingQuota('emailRecipients')).toBe(recipientsBefore - 3);
    Gmail.Users.Messages.get('me', sent.id!);
    Gmail.Users.Labels.list('me');
    expect(ctx.remainingQuota('emailReadWrite')).toBe(readsBefore - 2);
  });

  it('refuses a send once the day recipients are used up, sending nothing', () => {
    const kernel = new FakeKernel();
    kernel.addUser('rita@acme.com', 'Rita');
    const cand = kernel.mail.createMailbox('cand@mail.test');
    const { Gmail } = kernel.execute('rita@acme.com', { emailQuota: 1 });
    expect(() =>
      Gmail.Users.Messages.send({ raw: raw('x', [], 'cand@mail.test, other@mail.test') }, 'me'),
    ).toThrow('Service invoked too many times for one day: email.');
    expect(cand.messages.size).toBe(0);
  });

  it('audits content reads with thread and message, and listings as kind list', () => {
    const { Gmail, kernel } = setup();
    const sent = Gmail.Users.Messages.send({ raw: raw('x') }, 'me');
    Gmail.Users.Messages.list('me', { q: 'in:sent' });
    Gmail.Users.Messages.get('me', sent.id!, { format: 'metadata' });
    Gmail.Users.Threads.get('me', sent.threadId!);
    expect(kernel.audits.map((a) => [a.service, a.method, a.resource])).toEqual([
      [
        'Gmail',
        'Users.Messages.list',
        { threadId: sent.threadId, messageId: sent.id, kind: 'list' },
      ],
      ['Gmail', 'Users.Messages.get', { threadId: sent.threadId, messageId: sent.id }],
      ['Gmail', 'Users.Threads.get', { threadId: sent.threadId }],
    ]);
    expect(kernel.calls).toEqual([
      'Gmail.Users.Messages.send',
      'Gmail.Users.Messages.list',
      'Gmail.Users.Messages.get',
      'Gmail.Users.Threads.get',
    ]);
  });

  it('throws "Not implemented in the emulator" for unbuilt methods', () => {
    const { Gmail } = setup();
    expect(() => Gmail.Users.Messages.import({}, 'me')).toThrow(
      'Not implemented in the emulator: Gmail.Users.Messages.import',
    );
    expect(() => Gmail.Users.Settings.getVacation('me')).toThrow(
      'Not implemented in the emulator: Gmail.Users.Settings.getVacation',
    );
  });
});
