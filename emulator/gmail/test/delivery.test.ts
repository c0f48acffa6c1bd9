// Mail between the world's mailboxes: delivery, threading on both sides, bounces, vacation
// replies, the candidate reply helper and Gmail's own Message-IDs.
import { MAILER_DAEMON, type Mailbox, type StoredMessage, messageHeader } from '../mail-system';
import { buildMessage, parseMessage } from '../mime';
import { FakeKernel } from './fake-world';

const DAY = 24 * 60 * 60 * 1000;

function world(options = {}) {
  const kernel = new FakeKernel(options);
  kernel.addUser('rita@acme.com', 'Rita Recruiter');
  kernel.addUser('hugo@acme.com', 'Hugo Manager');
  const mail = kernel.mail;
  const rita = mail.mailbox('rita@acme.com');
  const cand = mail.createMailbox('cand@mail.test', 'Cara Candidate');
  return { kernel, mail, rita, cand };
}

function mime(
  from: string,
  to: string,
  subject: string,
  text: string,
  extra: { name: string; value: string }[] = [],
) {
  return buildMessage({
    headers: [
      { name: 'From', value: from },
      { name: 'To', value: to },
      { name: 'Subject', value: subject },
      ...extra,
    ],
    text,
  });
}

const inbox = (box: Mailbox): StoredMessage[] =>
  [...box.messages.values()].filter((m) => m.labelIds.has('INBOX'));

describe('delivery between mailboxes', () => {
  it('delivers to the recipient INBOX, unread, and files a SENT copy for the sender', () => {
    const { rita, cand } = world();
    const sent = rita.send(mime('rita@acme.com', 'Cara <cand@mail.test>', 'Hello Cara', 'Hi!'));
    expect([...sent.labelIds]).toEqual(['SENT']);
    expect(sent.threadId).toBe(sent.id);
    const received = inbox(cand);
    expect(received).toHaveLength(1);
    expect([...received[0].labelIds].sort()).toEqual(['INBOX', 'UNREAD']);
    expect(received[0].id).not.toBe(sent.id);
    expect(received[0].rfcMessageId).toBe(sent.rfcMessageId);
    expect(received[0].parsed.text).toBe('Hi!');
  });

  it('keeps Bcc in the sender copy only', () => {
    const { rita, cand, mail } = world();
    rita.send(
      mime('rita@acme.com', 'hugo@acme.com', 'S', 'b', [{ name: 'Bcc', value: 'cand@mail.test' }]),
    );
    expect(inbox(cand)[0].raw).not.toMatch(/^Bcc:/im);
    expect(inbox(mail.mailbox('hugo@acme.com'))[0].raw).not.toMatch(/^Bcc:/im);
    expect([...rita.messages.values()][0].raw).toMatch(/^Bcc: cand@mail.test/im);
  });

  it('threads a candidate reply and a follow-up on both sides', () => {
    const { rita, cand, kernel } = world();
    const first = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role at Acme', 'Interested?'));
    kernel.advance(60_000);
    const candCopy = inbox(cand)[0];
    const reply = cand.reply(candCopy.id, { text: 'Yes, tell me more' });
    expect(reply.threadId).toBe(candCopy.threadId);
    const ritaThread = rita.thread(first.threadId);
    expect(ritaThread).toHaveLength(2);
    const ritaReply = ritaThread[1];
    expect(messageHeader(ritaReply, 'Subject')).toBe('Re: Role at Acme');
    expect(messageHeader(ritaReply, 'In-Reply-To')).toBe(first.rfcMessageId);
    expect(ritaReply.parsed.text.replace(/\r\n/g, '\n')).toMatch(
      /^Yes, tell me more\n\nOn Mon, 2 Nov 2026 at 09:00, rita@acme\.com wrote:\n\n> Interested\?/,
    );
    kernel.advance(60_000);
    // Rita's follow-up through the API: threadId + references + matching subject
    const followUp = rita.send(
      mime('rita@acme.com', 'cand@mail.test', 'Re: Role at Acme', 'Great, when?', [
        { name: 'In-Reply-To', value: ritaReply.rfcMessageId },
        { name: 'References', value: `${first.rfcMessageId} ${ritaReply.rfcMessageId}` },
      ]),
      { threadId: first.threadId },
    );
    expect(followUp.threadId).toBe(first.threadId);
    expect(cand.thread(candCopy.threadId)).toHaveLength(3);
  });

  it('starts a new thread when a reply changed its subject completely', () => {
    const { rita, cand } = world();
    const first = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role at Acme', 'Interested?'));
    const candCopy = inbox(cand)[0];
    cand.send(
      mime('cand@mail.test', 'rita@acme.com', 'Something else entirely', 'new topic', [
        { name: 'In-Reply-To', value: candCopy.rfcMessageId },
        { name: 'References', value: candCopy.rfcMessageId },
      ]),
    );
    const received = inbox(rita)[0];
    expect(received.threadId).not.toBe(first.threadId);
    expect(received.threadId).toBe(received.id);
  });

  it('does not join a thread on the sending side from threadId alone when the headers are missing', () => {
    const { rita } = world();
    const first = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role', 'one'));
    const second = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role', 'two'), {
      threadId: first.threadId,
    });
    expect(second.threadId).not.toBe(first.threadId);
  });

  it('does not join the given thread when the subject does not match', () => {
    const { rita } = world();
    const first = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role', 'one'));
    const other = rita.send(
      mime('rita@acme.com', 'cand@mail.test', 'Unrelated', 'two', [
        { name: 'In-Reply-To', value: first.rfcMessageId },
      ]),
      { threadId: first.threadId },
    );
    expect(other.threadId).not.toBe(first.threadId);
  });

  it('sends from the primary address when From is not a send-as alias', () => {
    const { rita, cand } = world();
    rita.send(mime('ceo@acme.com', 'cand@mail.test', 'S', 'b'));
    expect(messageHeader(inbox(cand)[0], 'From')).toContain('rita@acme.com');
  });

  it('delivers a message to oneself once, as both SENT and INBOX', () => {
    const { rita } = world();
    const sent = rita.send(mime('rita@acme.com', 'rita@acme.com', 'Note to self', 'b'));
    expect(rita.messages.size).toBe(1);
    expect([...sent.labelIds].sort()).toEqual(['INBOX', 'SENT', 'UNREAD']);
  });
});

describe('Message-ID', () => {
  const custom = '<baton-123@acme.com>';

  it('is replaced by a Gmail Message-ID by default, with custom X- headers kept', () => {
    const { rita, cand } = world();
    const sent = rita.send(
      mime('rita@acme.com', 'cand@mail.test', 'S', 'b', [
        { name: 'Message-ID', value: custom },
        { name: 'X-Baton-Key', value: 'k1' },
      ]),
    );
    expect(sent.rfcMessageId).not.toBe(custom);
    expect(sent.rfcMessageId).toMatch(/^<CA[A-Za-z0-9]{40}@mail\.gmail\.com>$/);
    expect(messageHeader(inbox(cand)[0], 'X-Baton-Key')).toBe('k1');
  });

  it('is kept when the MailSystem is told to keep the sender Message-ID', () => {
    const { rita, cand } = world({ keepSenderMessageId: true });
    rita.send(
      mime('rita@acme.com', 'cand@mail.test', 'S', 'b', [{ name: 'Message-ID', value: custom }]),
    );
    expect(inbox(cand)[0].rfcMessageId).toBe(custom);
  });

  it('is given to every message, with a Date when the sender set none', () => {
    const { rita } = world();
    const sent = rita.send(mime('rita@acme.com', 'cand@mail.test', 'S', 'b'));
    expect(sent.rfcMessageId).toMatch(/^<.+@.+>$/);
    expect(messageHeader(sent, 'Date')).toBe('Mon, 2 Nov 2026 09:00:00 +0000');
  });
});

describe('bounces', () => {
  function bounceOf(box: Mailbox): StoredMessage {
    const found = [...box.messages.values()].find((m) =>
      messageHeader(m, 'From').includes(MAILER_DAEMON.address),
    );
    if (!found) throw new Error('no bounce');
    return found;
  }

  it('answers an unknown address with a delivery status notification in the sender thread', () => {
    const { rita } = world();
    const sent = rita.send(
      mime('rita@acme.com', 'nobody@nowhere.test', 'Role', 'Hi', [
        { name: 'X-Baton-Key', value: 'k' },
      ]),
    );
    const dsn = bounceOf(rita);
    expect(dsn.threadId).toBe(sent.threadId);
    expect([...dsn.labelIds].sort()).toEqual(['INBOX', 'UNREAD']);
    expect(messageHeader(dsn, 'From')).toBe(
      'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
    );
    expect(messageHeader(dsn, 'In-Reply-To')).toBe(sent.rfcMessageId);
    expect(messageHeader(dsn, 'References')).toContain(sent.rfcMessageId);
    expect(messageHeader(dsn, 'Auto-Submitted')).toBe('auto-replied');
    expect(messageHeader(dsn, 'X-Failed-Recipients')).toBe('nobody@nowhere.test');
    expect(dsn.parsed.root.mimeType).toBe('multipart/report');
    expect(dsn.parsed.root.params['report-type']).toBe('delivery-status');
    const parts = dsn.parsed.root.parts;
    expect(parts.map((p) => p.mimeType)).toEqual([
      'text/plain',
      'message/delivery-status',
      'message/rfc822',
    ]);
    const status = parts[1].body.toString();
    expect(status).toMatch(/Final-Recipient: rfc822; nobody@nowhere.test/);
    expect(status).toMatch(/Action: failed/);
    expect(status).toMatch(/Status: 5\.1\.1/);
    // the original travels along, so a classifier can find its headers
    expect(parts[2].body.toString()).toContain('X-Baton-Key: k');
    expect(dsn.parsed.text).toContain("wasn't delivered to nobody@nowhere.test");
  });

  it('bounces softly (4.x.x, delayed) once after rejectNext("soft"), then delivers again', () => {
    const { rita, cand } = world();
    cand.rejectNext('soft');
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'One', 'b'));
    const dsn = bounceOf(rita);
    expect(messageHeader(dsn, 'Subject')).toBe('Delivery Status Notification (Delay)');
    expect(messageHeader(dsn, 'X-Failed-Recipients')).toBe('');
    const status = dsn.parsed.root.parts[1].body.toString();
    expect(status).toMatch(/Action: delayed/);
    expect(status).toMatch(/Status: 4\.\d\.\d/);
    expect(inbox(cand)).toHaveLength(0);
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Two', 'b'));
    expect(inbox(cand)).toHaveLength(1);
  });

  it('bounces every delivery while the mailbox is set to bounce', () => {
    const { rita, cand } = world();
    cand.setBouncing('hard');
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'One', 'b'));
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Two', 'b'));
    const bounces = [...rita.messages.values()].filter(
      (m) => messageHeader(m, 'X-Failed-Recipients') === 'cand@mail.test',
    );
    expect(bounces).toHaveLength(2);
    cand.setBouncing(undefined);
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Three', 'b'));
    expect(inbox(cand)).toHaveLength(1);
  });
});

describe('vacation auto-replies', () => {
  it('answers with Auto-Submitted once per sender per 4 days, until it ends', () => {
    const { rita, cand, kernel } = world();
    cand.setAutoReply({
      subject: 'Out of office',
      body: 'Back Monday',
      until: kernel.now() + 10 * DAY,
    });
    const sentFirst = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role', 'Hi'));
    const autoReplies = () =>
      inbox(rita).filter((m) => messageHeader(m, 'Auto-Submitted') === 'auto-replied');
    expect(autoReplies()).toHaveLength(1);
    const ooo = autoReplies()[0];
    expect(messageHeader(ooo, 'Subject')).toBe('Out of office');
    expect(messageHeader(ooo, 'In-Reply-To')).toBe(sentFirst.rfcMessageId);
    expect(ooo.parsed.text).toBe('Back Monday');
    kernel.advance(DAY);
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role 2', 'Hi again'));
    expect(autoReplies()).toHaveLength(1);
    kernel.advance(4 * DAY);
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role 3', 'Hi again'));
    expect(autoReplies()).toHaveLength(2);
    kernel.advance(6 * DAY);
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role 4', 'after the holiday'));
    expect(autoReplies()).toHaveLength(2);
  });

  it('never answers another auto-reply, so two vacationers do not loop', () => {
    const { rita, cand } = world();
    rita.setAutoReply({ subject: 'Away', body: 'Away' });
    cand.setAutoReply({ subject: 'OOO', body: 'OOO' });
    rita.send(mime('rita@acme.com', 'cand@mail.test', 'Hi', 'b'));
    expect(inbox(rita)).toHaveLength(1);
    expect(inbox(cand)).toHaveLength(1);
  });

  it('threads an auto-reply that keeps the subject into the sender thread', () => {
    const { rita, cand } = world();
    cand.setAutoReply({ subject: 'Automatic reply: Role at Acme', body: 'Away' });
    const sent = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Role at Acme', 'b'));
    expect(rita.thread(sent.threadId)).toHaveLength(2);
  });
});

describe('message ids', () => {
  it('are 16 hex digits, unique and increasing with time', () => {
    const { rita, kernel } = world();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(rita.send(mime('rita@acme.com', 'rita@acme.com', `n${i}`, 'b')).id);
      if (i === 2) kernel.advance(1000);
    }
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{16}$/));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('parse back from the stored source', () => {
    const { rita } = world();
    const sent = rita.send(mime('rita@acme.com', 'cand@mail.test', 'Ünïcode ✓', 'b'));
    expect(parseMessage(sent.raw).headers.length).toBeGreaterThan(3);
    expect(messageHeader(sent, 'Subject')).toBe('Ünïcode ✓');
  });
});
