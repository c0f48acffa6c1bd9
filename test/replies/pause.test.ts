// The words and Senders-row statuses of a pause Baton decided (a bounce on the sending side).
import {
  causeOf,
  pauseMail,
  pauseReason,
  pausedStatus,
  readPausedStatus,
  readResumedStatus,
  resumedStatus,
} from '../../src/core/replies/pause';

const AT = Date.UTC(2026, 2, 3, 10, 0);

describe('pause words', () => {
  it.each([
    ['bounce.sender_side.sending_limit', /sending limit/, /Wait until the limit resets/],
    ['bounce.sender_side.send_as', /not a verified send-as address/, /Send mail as/],
    ['bounce.sender_side.policy', /policy refused mail/, /SPF, DKIM and DMARC/],
    ['bounce.something_new', /problem on the sending side/, /Read the bounce/],
  ])('names the cause of %s and what to do', (rule, what, todo) => {
    const cause = causeOf({ rule });
    expect(cause.what).toMatch(what);
    expect(cause.todo).toMatch(todo);
  });

  it('quotes the status code of the bounce when it has one', () => {
    const verdict = {
      rule: 'bounce.sender_side.policy',
      reason: 'delivery failure (bounce.dsn_report) for a@x.org, status 5.7.26: policy',
    };
    expect(pauseReason(verdict, 'sam@acme.com')).toBe(
      'Paused by Baton: mail from sam@acme.com bounced because a policy refused mail from the ' +
        'mailbox (5.7.x: authentication such as SPF, DKIM or DMARC, or a sending rule) (status ' +
        '5.7.26). Ask your Workspace admin to check the domain’s SPF, DKIM and DMARC records and ' +
        'outbound rules for this mailbox. Then resume the campaign.',
    );
    const mail = pauseMail('Backend hires', 'sam@acme.com', verdict, 'a@x.org');
    expect(mail.subject).toBe('Baton paused "Backend hires": mail from sam@acme.com bounced');
    expect(mail.lines.join('\n')).toContain(`The server said: ${verdict.reason}`);
    expect(pauseReason({ ...verdict, reason: 'no code here' }, 'sam@acme.com')).not.toMatch(
      /status/,
    );
  });
});

describe('Senders-row statuses of a pause', () => {
  it('reads back the time and reason of a pause, and the time of a resume', () => {
    const text = pausedStatus(AT, 'Paused by Baton: mail bounced.\nDetails.');
    expect(readPausedStatus(text)).toEqual({
      at: AT,
      reason: 'Paused by Baton: mail bounced.\nDetails.',
    });
    expect(readResumedStatus(resumedStatus(AT + 1000))).toBe(AT + 1000);
  });

  it('reads nothing from other statuses', () => {
    for (const status of ['Active', 'Needs re-approval', 'Paused', 'Resumed'])
      expect([readPausedStatus(status), readResumedStatus(status)]).toEqual([undefined, undefined]);
  });
});
