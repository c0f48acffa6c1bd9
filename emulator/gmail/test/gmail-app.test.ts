// GmailApp and MailApp as a script uses them: sends, replies (including the reply to ourselves),
// drafts, labels, search, quotas, the contextual access token and the audit of what was read.
import { FakeKernel } from './fake-world';

const DAY = 24 * 60 * 60 * 1000;

function setup() {
  const kernel = new FakeKernel();
  kernel.addUser('rita@acme.com', 'Rita Recruiter');
  const cand = kernel.mail.createMailbox('cand@mail.test', 'Cara Candidate');
  kernel.mail.mailbox('rita@acme.com').addAlias('jobs@acme.com');
  const run = kernel.execute('rita@acme.com');
  return { kernel, cand, ...run };
}

describe('GmailApp.sendEmail', () => {
  it('returns GmailApp and delivers with name, reply-to, cc, bcc and an HTML part', () => {
    const { GmailApp, cand, kernel } = setup();
    const hugo = kernel.mail.createMailbox('hugo@partner.test');
    const result = GmailApp.sendEmail('Cara <cand@mail.test>', 'Rôle 🚀', 'plain', {
      name: 'Rita at Acme',
      replyTo: 'jobs@acme.com',
      cc: 'hugo@partner.test',
      bcc: 'rita@acme.com',
      htmlBody: '<p>html</p>',
    });
    expect(result).toBe(GmailApp);
    const received = [...cand.messages.values()][0];
    expect(received.parsed.html).toBe('<p>html</p>');
    expect(hugo.messages.size).toBe(1);
    const thread = GmailApp.search('in:inbox subject:Rôle')[0];
    const message = thread.getMessages()[0];
    expect(message.getFrom()).toBe('Rita at Acme <rita@acme.com>');
    expect(message.getReplyTo()).toBe('jobs@acme.com');
    expect(message.getSubject()).toBe('Rôle 🚀');
    expect(message.getCc()).toBe('hugo@partner.test');
  });

  it('sends from an alias, and refuses an address that is not one', () => {
    const { GmailApp, cand } = setup();
    expect(GmailApp.getAliases()).toEqual(['jobs@acme.com']);
    GmailApp.sendEmail('cand@mail.test', 'S', 'b', { from: 'jobs@acme.com' });
    expect([...cand.messages.values()][0].raw).toMatch(/^From: .*<jobs@acme\.com>/m);
    expect(() => GmailApp.sendEmail('cand@mail.test', 'S', 'b', { from: 'ceo@acme.com' })).toThrow(
      /Invalid argument: from/,
    );
  });

  it('treats a null option as absent, in sends, drafts and replies', () => {
    const { GmailApp, cand } = setup();
    const nulls = {
      htmlBody: null,
      cc: null,
      bcc: null,
      replyTo: null,
      name: null,
      from: null,
      attachments: null,
    } as unknown as GoogleAppsScript.Gmail.GmailAdvancedOptions;
    GmailApp.sendEmail('cand@mail.test', 'Nulls', 'plain', nulls);
    GmailApp.sendEmail('cand@mail.test', 'No options', 'plain', null as never);
    const received = [...cand.messages.values()];
    expect(received.map((m) => [m.parsed.text?.trim(), /text\/html/.test(m.raw)])).toEqual([
      ['plain', false],
      ['plain', false],
    ]);
    expect(received[0].raw).toMatch(/^From: Rita Recruiter <rita@acme\.com>/m);
    expect(GmailApp.createDraft('cand@mail.test', 'Draft', 'b', nulls).getMessage().getBody()).toBe(
      'b',
    );
    const thread = GmailApp.search('in:sent subject:Nulls')[0];
    const before = thread.getMessageCount();
    expect(thread.reply('again', nulls)).toBe(thread);
    expect(thread.getMessageCount()).toBeGreaterThan(before);
  });

  it('accepts from: "Name <alias>" by its address, and refuses it for an address not an alias', () => {
    const { GmailApp, cand } = setup();
    GmailApp.sendEmail('cand@mail.test', 'S', 'b', { from: 'Acme Jobs <Jobs@Acme.com>' });
    expect([...cand.messages.values()][0].raw).toMatch(/^From: .*<jobs@acme\.com>/m);
    expect(() =>
      GmailApp.sendEmail('cand@mail.test', 'S', 'b', { from: 'Boss <ceo@acme.com>' }),
    ).toThrow(/Invalid argument: from/);
  });

  it('counts recipients against the daily quota and stops with Apps Script message', () => {
    const kernel = new FakeKernel();
    kernel.addUser('rita@acme.com', 'Rita');
    const cand = kernel.mail.createMailbox('cand@mail.test');
    const { GmailApp, MailApp } = kernel.execute('rita@acme.com', { emailQuota: 3 });
    GmailApp.sendEmail('cand@mail.test', 'one', 'b', { cc: 'x@mail.test' });
    expect(MailApp.getRemainingDailyQuota()).toBe(1);
    expect(() => GmailApp.sendEmail('cand@mail.test', 'two', 'b', { cc: 'x@mail.test' })).toThrow(
      'Service invoked too many times for one day: email.',
    );
    expect(cand.messages.size).toBe(1);
    MailApp.sendEmail('cand@mail.test', 'three', 'b');
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(cand.messages.size).toBe(2);
  });

  it('attaches blobs, and the recipient reads them back with getAttachments', () => {
    const { GmailApp, kernel } = setup();
    const bytes = [37, 80, 68, 70, -1, 0, 10];
    const blob = {
      getName: () => 'cv é.pdf',
      getContentType: () => 'application/pdf',
      getBytes: () => bytes,
    } as unknown as GoogleAppsScript.Base.Blob;
    GmailApp.sendEmail('rita@acme.com', 'CV', 'attached', { attachments: [blob] });
    const [attachment] = GmailApp.search('has:attachment')[0].getMessages()[0].getAttachments();
    expect([attachment.getName(), attachment.getContentType(), attachment.getSize()]).toEqual([
      'cv é.pdf',
      'application/pdf',
      7,
    ]);
    expect(attachment.getBytes()).toEqual(bytes);
    expect(kernel.audits.some((a) => a.method === 'GmailMessage.getAttachments')).toBe(true);
  });

  it('refuses a message without recipients', () => {
    const { GmailApp } = setup();
    expect(() => GmailApp.sendEmail('', 'S', 'b')).toThrow('Failed to send email: no recipient');
  });
});

describe('GmailThread.reply', () => {
  it('addresses OURSELVES when the last message of the thread is ours', () => {
    const { GmailApp, kernel } = setup();
    GmailApp.sendEmail('cand@mail.test', 'Role at Acme', 'First step');
    kernel.advance(DAY);
    const thread = GmailApp.search('in:sent subject:"Role at Acme"')[0];
    thread.reply('Following up');
    const messages = thread.getMessages();
    expect(messages).toHaveLength(2);
    const followUp = messages[1];
    expect(followUp.getTo()).toBe('Rita Recruiter <rita@acme.com>');
    expect(followUp.getSubject()).toBe('Re: Role at Acme');
    expect(followUp.getHeader('In-Reply-To')).toBe(messages[0].getHeader('Message-ID'));
    // the candidate got nothing new
    expect(kernel.mail.mailbox('cand@mail.test').messages.size).toBe(1);
  });

  it('goes to the Reply-To of the last message when the candidate wrote last', () => {
    const { GmailApp, cand, kernel } = setup();
    GmailApp.sendEmail('cand@mail.test', 'Role', 'First');
    kernel.advance(1000);
    const candCopy = [...cand.messages.values()][0];
    cand.send(
      [
        'From: Cara Candidate <cand@mail.test>',
        'Reply-To: cara.private@mail.test',
        'To: rita@acme.com',
        'Subject: Re: Role',
        `In-Reply-To: ${candCopy.rfcMessageId}`,
        '',
        'Call me',
      ].join('\r\n'),
      { forceThreadId: candCopy.threadId },
    );
    const privateBox = kernel.mail.createMailbox('cara.private@mail.test');
    const thread = GmailApp.search('from:cand@mail.test')[0];
    expect(thread.getMessageCount()).toBe(2);
    thread.reply('Sure');
    expect(privateBox.messages.size).toBe(1);
    expect(thread.getMessages()[2].getTo()).toBe('cara.private@mail.test');
  });

  it('replyAll adds everyone else on the last message, and createDraftReply leaves a draft in the thread', () => {
    const { GmailApp, kernel } = setup();
    const hugo = kernel.mail.createMailbox('hugo@partner.test');
    GmailApp.sendEmail('cand@mail.test', 'Panel', 'b', { cc: 'hugo@partner.test' });
    const thread = GmailApp.search('subject:Panel')[0];
    thread.replyAll('to all');
    expect(hugo.messages.size).toBe(2);
    const draft = thread.createDraftReply('draft text', { subject: 'Custom subject' });
    expect(draft.getMessage().getSubject()).toBe('Custom subject');
    expect(draft.getMessage().getThread().getId()).toBe(thread.getId());
    // getMessages() lists the draft too, and a reply still answers the last sent message
    expect(thread.getMessages().map((m) => m.isDraft())).toEqual([false, false, true]);
    thread.reply('after the draft');
    const last = thread
      .getMessages()
      .filter((m) => !m.isDraft())
      .pop()!;
    expect(last.getPlainBody()).toBe('after the draft');
    // the last sent message was our replyAll: the reply goes to ourselves again
    expect(last.getTo()).toBe('Rita Recruiter <rita@acme.com>');
  });
});

describe('GmailDraft', () => {
  it('sends, returns the sent GmailMessage with a new id, and is gone afterwards', () => {
    const { GmailApp, cand } = setup();
    const draft = GmailApp.createDraft('cand@mail.test', 'Drafted', 'body');
    const draftMessageId = draft.getMessageId();
    expect(GmailApp.getDrafts().map((d) => d.getId())).toEqual([draft.getId()]);
    expect(GmailApp.getDraft(draft.getId()).getMessage().getPlainBody()).toBe('body');
    const sent = draft.send();
    expect(sent.getId()).not.toBe(draftMessageId);
    expect(sent.getSubject()).toBe('Drafted');
    expect(cand.messages.size).toBe(1);
    expect(GmailApp.getDrafts()).toEqual([]);
    expect(() => GmailApp.getDraft(draft.getId())).toThrow('Invalid argument: draftId');
    expect(() => draft.send()).toThrow('Requested entity was not found.');
  });

  it('updates and deletes', () => {
    const { GmailApp } = setup();
    const draft = GmailApp.createDraft('cand@mail.test', 'v1', 'one');
    draft.update('cand@mail.test', 'v2', 'two');
    expect(draft.getMessage().getSubject()).toBe('v2');
    draft.deleteDraft();
    expect(GmailApp.getDrafts()).toHaveLength(0);
  });
});

describe('labels', () => {
  it('creates, finds by name, labels threads and lists them', () => {
    const { GmailApp } = setup();
    expect(GmailApp.getUserLabelByName('Baton')).toBeNull();
    const label = GmailApp.createLabel('Baton');
    expect(GmailApp.createLabel('Baton').getName()).toBe('Baton');
    GmailApp.sendEmail('cand@mail.test', 'One', 'b');
    GmailApp.sendEmail('cand@mail.test', 'Two', 'b');
    const [two, one] = GmailApp.search('in:sent');
    one.addLabel(label);
    expect(
      GmailApp.getUserLabelByName('Baton')!
        .getThreads()
        .map((t) => t.getId()),
    ).toEqual([one.getId()]);
    label.addToThreads([two]);
    expect(label.getThreads()).toHaveLength(2);
    expect(one.getLabels().map((l) => l.getName())).toEqual(['Baton']);
    one.removeLabel(label);
    expect(GmailApp.search('label:baton').map((t) => t.getId())).toEqual([two.getId()]);
    expect(GmailApp.getUserLabels().map((l) => l.getName())).toEqual(['Baton']);
  });
});

describe('search operators', () => {
  function seeded() {
    const env = setup();
    const { GmailApp, kernel, cand } = env;
    GmailApp.sendEmail('cand@mail.test', 'Old news', 'ancient text');
    kernel.advance(10 * DAY);
    GmailApp.sendEmail('cand@mail.test', 'Interview "slot"', 'Please pick a slot tomorrow');
    kernel.advance(DAY);
    cand.reply([...cand.messages.values()][1].id, { text: 'Tuesday works' });
    return env;
  }
  const subjects = (threads: GoogleAppsScript.Gmail.GmailThread[]) =>
    threads.map((t) => t.getFirstMessageSubject());

  it('supports in:, from:, to:, subject:, is:unread, words, phrases and negation', () => {
    const { GmailApp } = seeded();
    expect(subjects(GmailApp.search('in:sent'))).toEqual(['Interview "slot"', 'Old news']);
    expect(subjects(GmailApp.search('in:inbox from:cand@mail.test'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('to:cand@mail.test -subject:interview'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('is:unread'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('"pick a slot"'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('ancient'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('ancient -ancient'))).toEqual([]);
  });

  it('supports newer_than:, older_than:, after: and before: with yyyy/mm/dd dates', () => {
    const { GmailApp } = seeded();
    expect(subjects(GmailApp.search('newer_than:5d'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('older_than:5d'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('after:2026/11/05'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('before:2026/11/05'))).toEqual(['Old news']);
  });

  it('finds a message by rfc822msgid: and leaves trash out unless asked', () => {
    const { GmailApp } = seeded();
    const old = GmailApp.search('subject:old')[0];
    const id = old.getMessages()[0].getHeader('Message-ID');
    expect(subjects(GmailApp.search(`rfc822msgid:${id}`))).toEqual(['Old news']);
    expect(subjects(GmailApp.search(`rfc822msgid:${id.slice(1, -1)}`))).toEqual(['Old news']);
    old.moveToTrash();
    expect(GmailApp.search('subject:old')).toEqual([]);
    expect(subjects(GmailApp.search('in:anywhere subject:old'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('in:trash'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('subject:old OR in:trash'))).toEqual(['Old news']);
    expect(subjects(GmailApp.search('{in:spam in:trash}'))).toEqual(['Old news']);
  });

  it('groups terms with (), under an operator too, and alternatives with OR and {}', () => {
    const { GmailApp } = seeded();
    expect(subjects(GmailApp.search('subject:(interview slot)'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('subject:(old slot)'))).toEqual([]);
    expect(subjects(GmailApp.search('subject:(old OR slot)'))).toEqual([
      'Interview "slot"',
      'Old news',
    ]);
    expect(subjects(GmailApp.search('(ancient OR tuesday)'))).toEqual([
      'Interview "slot"',
      'Old news',
    ]);
    expect(subjects(GmailApp.search('{ancient tuesday}'))).toEqual([
      'Interview "slot"',
      'Old news',
    ]);
    expect(subjects(GmailApp.search('in:sent -(subject:old)'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('in:sent -subject:(old news)'))).toEqual(['Interview "slot"']);
    expect(subjects(GmailApp.search('(from:cand@mail.test OR subject:old) in:inbox'))).toEqual([
      'Interview "slot"',
    ]);
    expect(subjects(GmailApp.search('subject:("pick a" OR news)'))).toEqual(['Old news']);
  });

  it('throws on syntax and operators it does not support, never matching nothing', () => {
    const { GmailApp } = seeded();
    for (const [query, message] of [
      ['subject:(old news', /Unbalanced/],
      ['old news)', /Unbalanced/],
      ['{old news', /Unbalanced/],
      ['"pick a slot', /Unbalanced/],
      ['category:social', /Unsupported search operator in the emulator: category:/],
      ['is:muted', /Unsupported search operator in the emulator: is:muted/],
      ['larger:10M', /Unsupported search operator in the emulator: larger:/],
      ['pick AROUND 3 slot', /Unsupported search operator in the emulator: AROUND/],
      ['+slot', /Unsupported search operator in the emulator: \+/],
    ] as const)
      expect(() => GmailApp.search(query)).toThrow(message);
  });

  it('pages with start and max, and rejects an unknown operator clearly', () => {
    const { GmailApp } = seeded();
    expect(subjects(GmailApp.search('in:sent', 1, 1))).toEqual(['Old news']);
    expect(() => GmailApp.search('smells:nice')).toThrow(
      'Unsupported search operator in the emulator: smells:',
    );
  });

  it('rejects a bad query even when no message is there to test it on', () => {
    const { GmailApp } = setup();
    expect(() => GmailApp.search('smells:nice')).toThrow(
      'Unsupported search operator in the emulator: smells:',
    );
    expect(() => GmailApp.search('after:last-week')).toThrow(
      'Invalid date in search query: last-week (expected yyyy/mm/dd).',
    );
    expect(() => GmailApp.search('{newer_than:soon}')).toThrow('Invalid age in search query: soon');
  });
});

describe('contextual executions', () => {
  function contextual() {
    const kernel = new FakeKernel();
    kernel.addUser('rita@acme.com', 'Rita');
    const first = kernel.execute('rita@acme.com');
    first.GmailApp.sendEmail('rita@acme.com', 'Open me', 'b');
    const message = kernel.mail.mailbox('rita@acme.com').messages.values().next().value!;
    const host = {
      app: 'gmail' as const,
      gmail: { messageId: message.id, threadId: message.threadId, accessToken: 'tok-1' },
    };
    return { kernel, message, ...kernel.execute('rita@acme.com', { kind: 'contextual', host }) };
  }

  it('refuses to read the open message until the access token is set', () => {
    const { GmailApp, message, kernel } = contextual();
    expect(() => GmailApp.getMessageById(message.id)).toThrow(/Missing access token/);
    GmailApp.setCurrentMessageAccessToken('wrong');
    expect(() => GmailApp.getMessageById(message.id)).toThrow(/Missing access token/);
    // a refused read read nothing
    expect(kernel.audits).toEqual([]);
    GmailApp.setCurrentMessageAccessToken('tok-1');
    expect(GmailApp.getMessageById(message.id).getSubject()).toBe('Open me');
    expect(kernel.audits.map((a) => a.method)).toEqual([
      'getMessageById',
      'GmailMessage.getSubject',
    ]);
  });
});

describe('accounting', () => {
  it('records every content read with its thread and message, and listings as kind list', () => {
    const { GmailApp, kernel } = setup();
    GmailApp.sendEmail('cand@mail.test', 'Audit me', 'b');
    kernel.audits.length = 0;
    const thread = GmailApp.search('subject:audit')[0];
    const message = thread.getMessages()[0];
    message.getPlainBody();
    const threadId = thread.getId();
    expect(kernel.audits.map((a) => [a.service, a.method, a.resource])).toEqual([
      ['GmailApp', 'search', { threadId, kind: 'list' }],
      ['GmailApp', 'GmailThread.getMessages', { threadId }],
      ['GmailApp', 'GmailMessage.getPlainBody', { threadId, messageId: message.getId() }],
    ]);
  });

  it('charges the read/write quota for reads and none for sends', () => {
    const { GmailApp, ctx } = setup();
    const before = ctx.remainingQuota('emailReadWrite');
    GmailApp.sendEmail('cand@mail.test', 'S', 'b');
    expect(ctx.remainingQuota('emailReadWrite')).toBe(before);
    GmailApp.search('in:sent')[0].getMessages();
    expect(ctx.remainingQuota('emailReadWrite')).toBe(before - 2);
  });

  it('throws "Not implemented in the emulator" for unbuilt methods', () => {
    const { GmailApp } = setup();
    expect(() => GmailApp.getChatThreads()).toThrow(
      'Not implemented in the emulator: GmailApp.getChatThreads',
    );
  });
});
