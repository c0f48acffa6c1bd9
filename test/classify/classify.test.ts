// classifyReply, rule by rule: human intent per language, conflicts resolved toward stopping mail,
// auto-reply headers strong and weak, and the grading of bounces.
import {
  Category,
  classifyRawMessage,
  classifyReply,
  stripReplyPrefixes,
} from '../../src/core/classify';
import { INTENT_RULES } from '../../src/core/classify/phrases';
import { parseMessage } from '../../src/core/mime';

function reply(body: string, headers: Record<string, string> = {}): string {
  const all = {
    From: 'Jane <jane@example.com>',
    Subject: 'Re: Backend role',
    Date: 'Mon, 4 Jan 2027 10:00:00 +0000',
    ...headers,
  };
  return Object.entries(all)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n')
    .concat('\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n', body);
}

// As the Gmail API delivers it: the raw message as UTF-8 bytes.
const classify = (body: string, headers?: Record<string, string>) =>
  classifyRawMessage([...Buffer.from(reply(body, headers), 'utf8')]);

const INTENT_CASES: Array<[string, Category, string]> = [
  ['Please unsubscribe me.', 'opt_out', 'opt_out.en.unsubscribe'],
  [
    'Aktuell nicht auf der Suche, aber offen für ein Gespräch.',
    'interested',
    'interested.de.offen_trotzdem',
  ],
  ["I'm interested, let's talk.", 'interested', 'interested.en.interested'],
  ['Yes please, send me the job description.', 'interested', 'interested.en.interested'],
  ['Not actively looking, but open to hearing more.', 'interested', 'interested.en.open_despite'],
  ["No thanks, I'm happy where I am.", 'not_interested', 'not_interested.en.not_interested'],
  ['Not right now. Maybe next year.', 'not_interested', 'not_interested.en.not_now'],
  ['Please remove me from your list.', 'opt_out', 'opt_out.en.remove_me'],
  ["Don't contact me again.", 'opt_out', 'opt_out.en.stop_contacting'],
  ['STOP', 'opt_out', 'opt_out.en.stop_alone'],
  ['Klingt spannend, ich hätte Interesse.', 'interested', 'interested.de.interesse'],
  ['Danke, aber kein Interesse.', 'not_interested', 'not_interested.de.kein_interesse'],
  ['Bitte keine weiteren E-Mails.', 'opt_out', 'opt_out.de.abmelden'],
  ["Oui, ça m'intéresse !", 'interested', 'interested.fr.interesse'],
  ['Non merci, pas intéressée.', 'not_interested', 'not_interested.fr.pas_interesse'],
  ['Merci de ne plus me contacter.', 'opt_out', 'opt_out.fr.desinscrire'],
  ['Me interesa, hablemos.', 'interested', 'interested.es.interesa'],
  ['No me interesa, gracias.', 'not_interested', 'not_interested.es.no_interesa'],
  ['Por favor, dejen de escribirme.', 'opt_out', 'opt_out.es.dar_de_baja'],
  ['Klinkt goed, ik heb interesse.', 'interested', 'interested.nl.interesse'],
  ['Nee bedankt, geen interesse.', 'not_interested', 'not_interested.nl.geen_interesse'],
  ['Haal me van de lijst alstublieft.', 'opt_out', 'opt_out.nl.afmelden'],
  ['ぜひお話を伺いたいです。', 'interested', 'interested.ja.kyomi_ari'],
  ['今回は見送らせていただきます。', 'not_interested', 'not_interested.ja.kyomi_nai'],
  ['配信停止をお願いします。', 'opt_out', 'opt_out.ja.haishin_teishi'],
  ["I'm not the right person, contact my colleague.", 'neutral', 'neutral.en.referral'],
  ['Hi Sam,\n\nInterested!\n\nJane', 'interested', 'interested.any.short_yes'],
  ['Gracias, pero no.', 'not_interested', 'not_interested.any.short_no'],
  ['Ich möchte gerne abgemeldet werden.', 'opt_out', 'opt_out.de.abmelden'],
  ['ぜひまたの機会によろしくお願いします。', 'not_interested', 'not_interested.ja.kyomi_nai'],
  ['What is the salary range?', 'neutral', 'neutral.question'],
  ['Thanks for the note.', 'neutral', 'neutral.no_intent'],
  ['', 'neutral', 'neutral.empty'],
];

describe('human intent', () => {
  it.each(INTENT_CASES)('reads "%s" as %s (%s)', (body, category, rule) => {
    expect(classify(body)).toMatchObject({ category, rule });
  });

  it('has a case for every intent rule of the table', () => {
    const covered = new Set(INTENT_CASES.map(([, , rule]) => rule));
    expect(INTENT_RULES.map((rule) => rule.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('uses full-width and curly-quote variants like their plain forms', () => {
    expect(classify('Ｎｏ ｔｈａｎｋｓ').category).toBe('not_interested');
    expect(classify('I’m interested').category).toBe('interested');
  });

  it('does not read "interested" inside "uninterested" or "not interested" as interest', () => {
    expect(classify('Honestly uninterested.').category).toBe('not_interested');
    expect(classify('I am not really interested.').category).toBe('not_interested');
  });

  it('names every rule <category>.<language>.<what> with a known category', () => {
    for (const rule of INTENT_RULES) expect(rule.name.startsWith(rule.category + '.')).toBe(true);
    expect(new Set(INTENT_RULES.map((rule) => rule.name)).size).toBe(INTENT_RULES.length);
  });
});

describe('conflicting signals', () => {
  it.each<[string, string, Category]>([
    ['a refusal with a removal request', 'Not interested, please remove me.', 'opt_out'],
    [
      'interest with a request to stop mailing',
      'Interested, but stop emailing me and call instead.',
      'opt_out',
    ],
    [
      'an out-of-office mention in a human yes',
      "I'm on vacation until the 12th, but yes, I'm interested!",
      'interested',
    ],
    [
      'an out-of-office mention in a human no',
      "I'm out of office this week; anyway, no thanks.",
      'not_interested',
    ],
  ])('resolves %s toward stopping mail', (_, body, category) => {
    expect(classify(body).category).toBe(category);
  });

  it("never counts the recruiter's quoted words", () => {
    const body =
      'Thanks for the note.\n\nOn Mon, 4 Jan 2027 Sam <sam@acme.example> wrote:\n> Interested? Reply "unsubscribe" to stop.';
    expect(classify(body)).toMatchObject({ category: 'neutral', newText: 'Thanks for the note.' });
  });

  it('reads an opt-out from a subject the candidate wrote, but not from a reply subject', () => {
    expect(classify('', { Subject: 'Unsubscribe' }).category).toBe('opt_out');
    expect(classify('', { Subject: 'Re: unsubscribe from the old newsletter' }).category).toBe(
      'neutral',
    );
    expect(stripReplyPrefixes('AW: RE: Fwd: Hello')).toBe('Hello');
  });

  it("ignores a subject that is the campaign's own", () => {
    const message = parseMessage(reply('', { Subject: 'Stop guessing: the role for you' }));
    expect(classifyReply(message).category).toBe('neutral');
    expect(
      classifyReply(message, { sentSubjects: ['Stop guessing: the role for you'] }).category,
    ).toBe('neutral');
  });
});

describe('auto-replies', () => {
  it.each<[string, Record<string, string>, string]>([
    ['Auto-Submitted', { 'Auto-Submitted': 'auto-replied' }, 'auto_reply.auto_submitted'],
    ['X-Autoreply', { 'X-Autoreply': 'yes' }, 'auto_reply.x_autoreply'],
    ['X-Autorespond', { 'X-Autorespond': 'vacation' }, 'auto_reply.x_autorespond'],
    ['Precedence: auto_reply', { Precedence: 'auto_reply' }, 'auto_reply.precedence_auto_reply'],
    ['an English subject', { Subject: 'Automatic reply: Backend role' }, 'auto_reply.en.subject'],
    ['a German subject', { Subject: 'Abwesenheitsnotiz' }, 'auto_reply.de.subject'],
    [
      'a French subject',
      { Subject: 'Réponse automatique : Backend role' },
      'auto_reply.fr.subject',
    ],
    ['a Spanish subject', { Subject: 'Fuera de la oficina' }, 'auto_reply.es.subject'],
    ['a Dutch subject', { Subject: 'Afwezig' }, 'auto_reply.nl.subject'],
    ['a Japanese subject', { Subject: '=?UTF-8?B?6Ieq5YuV5b+c562U?=' }, 'auto_reply.ja.subject'],
  ])('are recognised by %s', (_, headers, rule) => {
    expect(classify('Thanks for your message.', headers)).toMatchObject({
      category: 'auto_reply',
      rule,
    });
  });

  it('reads read receipts and success-only delivery reports as automatic, without a return date', () => {
    const receipt = [
      'Subject: Read: Backend role',
      'Date: Mon, 4 Jan 2027 10:00:00 +0000',
      'Content-Type: multipart/report; report-type=disposition-notification; boundary=m',
      '',
      '--m',
      'Content-Type: text/plain',
      '',
      'Your message was read on January 5, 2027.',
      '--m',
      'Content-Type: message/disposition-notification',
      '',
      'Disposition: automatic-action/MDN-sent-automatically; displayed',
      '--m--',
    ].join('\r\n');
    expect(classifyRawMessage(receipt)).toEqual(
      expect.not.objectContaining({ returnDate: expect.anything() }),
    );
    expect(classifyRawMessage(receipt)).toMatchObject({
      category: 'auto_reply',
      rule: 'auto_reply.read_receipt',
    });
    const delivered = bounce({ status: '2.0.0', action: 'delivered', diagnostic: '250 ok' });
    expect(classifyRawMessage(delivered)).toMatchObject({
      category: 'auto_reply',
      rule: 'auto_reply.delivery_report',
    });
  });

  it('is beaten by nothing human once a strong header says automatic', () => {
    expect(classify("Yes I'm interested", { 'Auto-Submitted': 'auto-generated' }).category).toBe(
      'auto_reply',
    );
  });

  it('treats Auto-Submitted: no as a human message', () => {
    expect(classify("I'm interested", { 'Auto-Submitted': 'no' }).category).toBe('interested');
  });

  it('needs out-of-office text beside a weak header (Precedence: bulk, X-Auto-Response-Suppress)', () => {
    expect(classify('Thanks, will read later.', { Precedence: 'bulk' }).category).toBe('neutral');
    expect(classify('I am out of the office.', { Precedence: 'bulk' }).rule).toBe(
      'auto_reply.precedence_bulk',
    );
    expect(classify('Thanks.', { 'X-Auto-Response-Suppress': 'All' }).category).toBe('neutral');
  });

  it.each(["I'll be back to you tomorrow.", 'I am out of ideas, sorry.'])(
    'does not take the human "%s" for an out-of-office',
    (body) => {
      expect(classify(body).category).toBe('neutral');
    },
  );

  it('recognises out-of-office text alone, in each language, and gives the return date', () => {
    expect(classify('I am out of the office until 20 January.')).toMatchObject({
      category: 'auto_reply',
      rule: 'auto_reply.en.out_of_office',
      returnDate: '2027-01-20',
    });
    expect(classify('Ich bin bis 15.01.2027 nicht im Büro.').rule).toBe('auto_reply.de.abwesend');
    expect(classify("Je suis absent jusqu'au 8 janvier.").rule).toBe('auto_reply.fr.absent');
    expect(classify('Estoy fuera de la oficina.').rule).toBe('auto_reply.es.fuera_de_oficina');
    expect(classify('Ik ben afwezig.').rule).toBe('auto_reply.nl.afwezig');
    expect(classify('ただいま不在にしております。').rule).toBe('auto_reply.ja.fuzai');
  });
});

function bounce(options: {
  status?: string;
  action?: string;
  diagnostic?: string;
  text?: string;
  from?: string;
}): string {
  const {
    status = '5.1.1',
    action = 'failed',
    diagnostic = '550 no such user',
    text = 'Delivery failed.',
  } = options;
  return [
    `From: ${options.from ?? 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>'}`,
    'Subject: Delivery Status Notification (Failure)',
    'Auto-Submitted: auto-replied',
    'Content-Type: multipart/report; report-type=delivery-status; boundary=b',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    text,
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example',
    '',
    'Final-Recipient: rfc822; jane@example.com',
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${diagnostic}`,
    '--b--',
  ].join('\r\n');
}

describe('bounces', () => {
  it.each<[string, Parameters<typeof bounce>[0], Category, string, boolean]>([
    ['an unknown user', {}, 'bounce_hard', 'bounce_hard.permanent', false],
    [
      'a full mailbox (5.2.2)',
      { status: '5.2.2', diagnostic: '552 over quota' },
      'bounce_soft',
      'bounce_soft.mailbox_full',
      false,
    ],
    [
      'a delay',
      { status: '4.4.1', action: 'delayed', diagnostic: '421 timeout' },
      'bounce_soft',
      'bounce_soft.temporary',
      false,
    ],
    [
      "the sender's daily limit",
      { status: '5.4.5', diagnostic: 'Daily user sending limit exceeded' },
      'bounce_soft',
      'bounce.sender_side.sending_limit',
      true,
    ],
    [
      'a send-as failure',
      { status: '5.7.60', diagnostic: 'Client does not have permissions to send as this sender' },
      'bounce_soft',
      'bounce.sender_side.send_as',
      true,
    ],
    [
      'a DMARC rejection',
      { status: '5.7.26', diagnostic: 'Unauthenticated email is not accepted (DMARC)' },
      'bounce_soft',
      'bounce.sender_side.policy',
      true,
    ],
    [
      "the recipient's own restriction (5.7.1 RESOLVER.RST)",
      { status: '5.7.1', diagnostic: '550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized' },
      'bounce_hard',
      'bounce_hard.recipient_restriction',
      false,
    ],
  ])('grades %s', (_, options, category, rule, senderSide) => {
    const result = classifyRawMessage(bounce(options));
    expect(result).toMatchObject({
      category,
      rule,
      senderSide,
      failedRecipients: ['jane@example.com'],
    });
  });

  it('comes before the auto-reply reading, though bounces carry Auto-Submitted', () => {
    expect(classifyRawMessage(bounce({})).category).toBe('bounce_hard');
  });

  it('ignores the returned original message when grading', () => {
    const exim = [
      'From: Mail Delivery System <Mailer-Daemon@mx.example>',
      'Subject: Mail delivery failed: returning message to sender',
      'X-Failed-Recipients: jane@example.com',
      '',
      'The following address(es) failed:\n  jane@example.com\n    550 No such user here',
      '------ This is a copy of the message, including all the headers. ------',
      'Subject: your mailbox is full? we will retry later',
    ].join('\r\n');
    expect(classifyRawMessage(exim)).toMatchObject({
      category: 'bounce_hard',
      rule: 'bounce_hard.permanent',
    });
  });

  it('is not fooled by a human who writes "undeliverable" in a reply', () => {
    expect(classify('The parcel was undeliverable, but yes, interested!').category).toBe(
      'interested',
    );
  });

  it("excludes the sender's own addresses from the failed recipients", () => {
    const text = 'Your message to <jane@example.com> from <sam@acme.example> failed: user unknown';
    const raw = `From: MAILER-DAEMON@yahoo.com\r\nSubject: Failure Notice\r\n\r\n${text}`;
    const result = classifyReply(parseMessage(raw), { senderAddresses: ['sam@acme.example'] });
    expect(result).toMatchObject({
      category: 'bounce_hard',
      failedRecipients: ['jane@example.com'],
    });
  });
});
