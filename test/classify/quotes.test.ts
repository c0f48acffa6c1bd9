// Quoted history and signatures are removed before intent is judged: the recruiter's own quoted
// words ("interested?", "unsubscribe") must never decide a classification.
import { stripQuotedText } from '../../src/core/classify';
import { cutHtmlQuote, htmlToText } from '../../src/core/mime';

const QUOTE = '> Are you interested in a quick call?\n> Reply "unsubscribe" to stop.';

describe('stripQuotedText', () => {
  it.each([
    [
      'Gmail attribution',
      `No thanks.\n\nOn Mon, Jan 4, 2027 at 9:12 AM Sam <sam@acme.example> wrote:\n${QUOTE}`,
    ],
    [
      'wrapped attribution',
      `No thanks.\n\nOn Mon, Jan 4, 2027 at 9:12 AM Sam Rivera <\nsam@acme.example> wrote:\n${QUOTE}`,
    ],
    [
      'German attribution',
      `No thanks.\n\nAm Mo., 4. Jan. 2027 um 09:12 Uhr schrieb Sam <sam@acme.example>:\n${QUOTE}`,
    ],
    [
      'French attribution',
      `No thanks.\n\nLe lun. 4 janv. 2027 à 09:12, Sam <sam@acme.example> a écrit :\n${QUOTE}`,
    ],
    [
      'Spanish attribution',
      `No thanks.\n\nEl lun, 4 ene 2027 a las 9:12, Sam (<sam@acme.example>) escribió:\n${QUOTE}`,
    ],
    [
      'Dutch attribution',
      `No thanks.\n\nOp ma 4 jan. 2027 om 09:12 schreef Sam <sam@acme.example>:\n${QUOTE}`,
    ],
    [
      'Japanese attribution',
      `No thanks.\n\n2027年1月4日(月) 9:12 Sam <sam@acme.example>:\n${QUOTE}`,
    ],
    [
      'Outlook header block',
      'No thanks.\n\nFrom: Sam <sam@acme.example>\nSent: Monday, January 4, 2027\nTo: Jane\n\nAre you interested?',
    ],
    [
      'German Outlook block',
      'No thanks.\n\nVon: Sam <sam@acme.example>\nGesendet: Montag, 4. Januar 2027\n\nInteressiert?',
    ],
    ['Original Message separator', 'No thanks.\n\n-----Original Message-----\nAre you interested?'],
    [
      'Outlook underscore rule',
      'No thanks.\n________________________________\nFrom: Sam\nAre you interested?',
    ],
    [
      'forwarded message',
      'No thanks.\n\n---------- Forwarded message ---------\nAre you interested?',
    ],
    ['signature dashes', 'No thanks.\n-- \nJane | I am interested in Rust'],
    ['Sent from my iPhone', 'No thanks.\n\nSent from my iPhone\n\nAre you interested?'],
    ['Von meinem iPhone gesendet', 'No thanks.\n\nVon meinem iPhone gesendet'],
    ['Envoyé de mon iPhone', 'No thanks.\nEnvoyé de mon iPhone'],
    ['Enviado desde mi', 'No thanks.\nEnviado desde mi Samsung Galaxy'],
    ['Verzonden vanaf mijn', 'No thanks.\nVerzonden vanaf mijn iPad'],
    ['iPhoneから送信', 'No thanks.\niPhoneから送信'],
    ['quoted lines without attribution', `No thanks.\n${QUOTE}`],
  ])('keeps only the new text with a %s', (_, text) => {
    expect(stripQuotedText(text)).toBe('No thanks.');
  });

  it('keeps a sentence that merely starts with "On" and ends with "wrote"', () => {
    const text = 'On second thought, I like what you wrote\nLet us talk.';
    expect(stripQuotedText(text)).toBe(text);
  });

  it('keeps the answer of a bottom-posted reply', () => {
    const text = `On Mon, Jan 4, 2027 Sam <sam@acme.example> wrote:\n${QUOTE}\n\nYes, happy to chat.`;
    expect(stripQuotedText(text)).toBe('Yes, happy to chat.');
  });

  it('keeps interleaved answers between quoted lines', () => {
    expect(stripQuotedText('> Are you interested?\nYes.\n> When?\nThursday.')).toBe(
      'Yes.\nThursday.',
    );
  });

  it('drops an unmarked copy of the campaign text when the context provides it', () => {
    const sent =
      'Hi Jane,\nI came across your profile and think you would be a great fit.\nAre you interested?';
    const reply =
      'Not for me, sorry.\n\nI came across your profile and think you would be a great fit.\nAre you interested?';
    expect(stripQuotedText(reply, { sentTexts: [sent] })).toBe('Not for me, sorry.');
    expect(stripQuotedText(reply)).toContain('Are you interested?');
  });
});

describe('HTML replies', () => {
  it.each([
    [
      'Gmail',
      '<div>Yes!</div><div class="gmail_quote">On Mon wrote:<blockquote>interested?</blockquote></div>',
    ],
    [
      'Outlook',
      '<p>Yes!</p><div id="appendonsend"></div><div id="divRplyFwdMsg">From: Sam</div><p>interested?</p>',
    ],
    ['Apple Mail', '<div>Yes!</div><blockquote type="cite">interested?</blockquote>'],
    ['Yahoo', '<div>Yes!</div><div class="yahoo_quoted">interested?</div>'],
    [
      'Thunderbird',
      '<p>Yes!</p><div class="moz-cite-prefix">On Mon wrote:</div><blockquote>interested?</blockquote>',
    ],
  ])('cuts a %s reply at its quoted history', (_, html) => {
    expect(htmlToText(cutHtmlQuote(html))).toBe('Yes!');
  });

  it('marks blockquote lines with "> " so that plain-text stripping removes them', () => {
    const text = htmlToText(
      '<p>Sure.</p><blockquote><p>interested?</p><blockquote>deeper</blockquote></blockquote>',
    );
    expect(text.split('\n').filter((line) => line.startsWith('>'))).toEqual([
      '> interested?',
      '> > deeper',
    ]);
    expect(stripQuotedText(text)).toBe('Sure.');
  });

  it('drops scripts, styles and comments and decodes entities', () => {
    const html =
      '<style>p{}</style><script>x()</script><!-- c --><p>caf&eacute; &amp; &#x2014; &#8364;5 &bogus;</p>';
    expect(htmlToText(html)).toBe('café & — €5 &bogus;');
  });
});
