// Templates: loose variable matching, fallbacks, escaping, and the variables a row leaves missing.
import { validateSteps, type Step } from '../../src/core/campaign';
import {
  brokenPlaceholders,
  escapeHtml,
  placeholders,
  render,
  unknownVariables,
  variablesFromRow,
} from '../../src/core/template';

const vars = variablesFromRow(
  ['First name', 'COMPANY_name', 'Role'],
  ['Zoë', 'Ünïcode & <Co>', ''],
);

describe('render', () => {
  it('matches variables to headers ignoring case, spaces and underscores', () => {
    expect(render('{{first_name}} at {{ Company Name }}', vars).text).toBe('Zoë at Ünïcode & <Co>');
  });

  it('uses the fallback when the value is empty or the column is absent', () => {
    expect(render('Hi {{Role|there}} {{Missing | friend}}', vars)).toEqual({
      text: 'Hi there friend',
      missing: [],
    });
  });

  it('reports each empty variable without a fallback once, in order', () => {
    expect(render('{{Role}} {{Nope}} {{role}}', vars).missing).toEqual(['Role', 'Nope']);
  });

  it('escapes values, not the template, in HTML', () => {
    expect(render('<b>{{Company name}}</b>', vars, 'html').text).toBe(
      '<b>Ünïcode &amp; &lt;Co&gt;</b>',
    );
  });

  it('flattens line breaks out of values that go into a header', () => {
    const evil = variablesFromRow(['Name'], ['Bob\r\nBcc: victim@example.com']);
    expect(render('Hello {{Name}}', evil, 'header').text).toBe('Hello Bob Bcc: victim@example.com');
  });
});

describe('placeholders and unknownVariables', () => {
  it('parses names and fallbacks', () => {
    expect(placeholders('{{A}} {{ B | b }}')).toEqual([
      { name: 'A' },
      { name: 'B', fallback: 'b' },
    ]);
  });

  it('names the placeholders no header matches', () => {
    expect(unknownVariables(['{{First Name}} {{Compnay}}'], ['first_name', 'Company'])).toEqual([
      'Compnay',
    ]);
  });

  it('escapes all five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});

// What would reach a candidate with its braces showing: flagged when the step is saved and again
// at launch (both call validateSteps), naming the step, the part and the text.
describe('broken placeholders', () => {
  it('finds unclosed, over-braced and stray placeholders, and leaves single braces alone', () => {
    expect(brokenPlaceholders('Hi {{First name, welcome')).toEqual(['{{First name, welcome']);
    expect(brokenPlaceholders('Hi {{{x}}} and {{y}}')).toEqual(['{{{x}}}']);
    expect(brokenPlaceholders('{{First name} and {x}} and y}}')).toEqual([
      '{{First name}',
      '{x}}',
      '}}',
    ]);
    expect(brokenPlaceholders('{{First name}} {{Company|us}} {x} a { b }')).toEqual([]);
    expect(brokenPlaceholders('<style>@media x{a{color:red}}</style><p>{{Role}}</p>')).toEqual([]);
    expect(brokenPlaceholders(`{{${'x'.repeat(60)}`)).toEqual([`{{${'x'.repeat(28)}`]);
  });

  const step = (over: Partial<Step>): Step => ({
    subject: 'Hello',
    text: 'Hi',
    html: '',
    delayDays: 0,
    ...over,
  });

  it('refuses a step that holds one, naming the step, the part and the text', () => {
    expect(() => validateSteps([step({}), step({ subject: 'Re {{First name' })])).toThrow(
      'Step 2, subject: "{{First name" is not a complete placeholder and would be sent as it stands. Write {{Column name}}, with two braces on each side.',
    );
    expect(() => validateSteps([step({ text: 'Hi {{{x}}}' })])).toThrow(
      /Step 1, text: "\{\{\{x\}\}\}"/,
    );
    expect(() => validateSteps([step({ html: '<b>{{x}</b>' })])).toThrow(/Step 1, HTML: "\{\{x\}"/);
    expect(() => validateSteps([step({ text: 'Hi {{First name|there}}' })])).not.toThrow();
  });
});
