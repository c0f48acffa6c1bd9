// The mail emulation inside the real world: a script in its own vm realm sends, replies, reads
// history and catches the advanced service's errors as Apps Script code would.
import { projectFromSources } from '../../project';
import { World } from '../../world';

const SCRIPT = `
function sendAndFollowUp() {
  GmailApp.sendEmail('cand@mail.test', 'Role at Acme', 'First step');
  var thread = GmailApp.search('in:sent subject:"Role at Acme"')[0];
  thread.reply('Second step');
  var messages = thread.getMessages();
  return {
    arrays: messages instanceof Array,
    dates: messages[0].getDate() instanceof Date,
    to: messages[1].getTo(),
    count: thread.getMessageCount(),
  };
}
function historyAfter(start) {
  try {
    Gmail.Users.History.list('me', { startHistoryId: start });
    return 'no error';
  } catch (e) {
    return { name: e.name, text: String(e), code: e.details.code, isError: e instanceof Error };
  }
}
function profile() {
  var p = Gmail.Users.getProfile('me');
  return { historyId: p.historyId, labels: Gmail.Users.Labels.list('me').labels instanceof Array };
}
`;

describe('mail in the world', () => {
  function world() {
    const w = new World({ seed: 7, start: '2026-03-02T08:00:00Z' });
    w.addUser({ email: 'rita@acme.com', name: 'Rita' });
    w.mail.createMailbox('cand@mail.test', 'Cara');
    const manifest = {
      timeZone: 'Etc/UTC',
      dependencies: {
        enabledAdvancedServices: [{ userSymbol: 'Gmail', serviceId: 'gmail', version: 'v1' }],
      },
    };
    return { w, project: projectFromSources('mail-script', manifest, { 'Code.js': SCRIPT }) };
  }

  it('hands the script its own arrays and dates, and a reply to our own last message comes back to us', () => {
    const { w, project } = world();
    const result = w.run({ project, as: 'rita@acme.com', fn: 'sendAndFollowUp' });
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual({
      arrays: true,
      dates: true,
      to: 'Rita <rita@acme.com>',
      count: 2,
    });
    expect(w.mail.mailbox('cand@mail.test').messages.size).toBe(1);
    expect(result.methods['GmailApp.sendEmail']).toBe(1);
    expect(w.audit.some((a) => a.method === 'GmailThread.getMessages')).toBe(true);
  });

  it('throws GoogleJsonResponseException with details into the script for an expired history id', () => {
    const { w, project } = world();
    const first = w.run({ project, as: 'rita@acme.com', fn: 'profile' });
    expect(first.value).toMatchObject({ labels: true });
    const start = (first.value as { historyId: string }).historyId;
    w.run({ project, as: 'rita@acme.com', fn: 'sendAndFollowUp' });
    w.advance(8 * 24 * 60 * 60 * 1000);
    const result = w.run({ project, as: 'rita@acme.com', fn: 'historyAfter', event: start });
    expect(result.value).toEqual({
      name: 'GoogleJsonResponseException',
      text: 'GoogleJsonResponseException: API call to gmail.users.history.list failed with error: Requested entity was not found.',
      code: 404,
      isError: true,
    });
  });

  it('has no Gmail global when the manifest does not enable the advanced service', () => {
    const { w } = world();
    const bare = projectFromSources(
      'bare',
      { timeZone: 'Etc/UTC' },
      {
        'Code.js': 'function probe() { return [typeof Gmail, typeof GmailApp]; }',
      },
    );
    expect(w.run({ project: bare, as: 'rita@acme.com', fn: 'probe' }).value).toEqual([
      'undefined',
      'object',
    ]);
  });
});
