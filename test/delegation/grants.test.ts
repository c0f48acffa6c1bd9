// The pure delegation rules: the token's shape, who may approve, when a grant or the owner's
// record holds sending, what the owner is told about a sender, and how grants are kept.
import type { Campaign } from '../../src/core/campaign';
import {
  approvedCampaign,
  checkApproval,
  colleagueMailOf,
  decodeGrants,
  encodeGrants,
  formatToken,
  grantHold,
  ownerStatus,
  parseToken,
  readSenderRows,
  recordFingerprint,
  recordHold,
  recordOf,
  reviewHeaderValue,
  RECONNECT_AFTER_MS,
  secretFrom,
  type Grant,
  type InvitationToken,
} from '../../src/core/delegation/grants';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const SECRET = 'a'.repeat(32) + 'b'.repeat(32);
const TOKEN: InvitationToken = {
  spreadsheetId: 'sheet_1-A',
  campaignId: 'c1',
  invited: 'sam@acme.com',
  secret: SECRET,
};

const campaign: Campaign = {
  id: 'c1',
  name: 'Backend hires',
  owner: 'rita@acme.com',
  spreadsheetId: 'sheet_1-A',
  tabName: 'Candidates',
  emailHeader: 'Email',
  steps: [{ subject: 'Hello', text: 'Hi {{First name}}', html: '', delayDays: 0 }],
  settings: {
    timeZone: 'Europe/Paris',
    window: { startMinute: 540, endMinute: 1020, weekdays: [1, 2, 3, 4, 5] },
    dailyCap: 50,
    startAt: NOW,
  },
  sender: { email: 'sam@acme.com', name: 'Sam', kind: 'colleague' },
  state: 'running',
  createdAt: NOW,
};

const record = recordOf(campaign, 'sam@acme.com', { dailyCap: 20 }, 5);

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    campaignId: 'c1',
    campaignName: 'Backend hires',
    spreadsheetId: 'sheet_1-A',
    owner: 'rita@acme.com',
    reference: 'ref',
    secret: SECRET,
    fingerprint: recordFingerprint(record),
    dailyCap: 20,
    endAt: 0,
    approvedAt: NOW,
    seenVersion: 5,
    state: 'active',
    ...overrides,
  };
}

const invitedRow = readSenderRows([
  ['Sam', 'Sam@acme.com', 'Backend hires', 'c1', 'Invited', '', '', 'ref', '', '{}', 'sig'],
])[0];

describe('invitation tokens', () => {
  it('round-trip through their text form', () => {
    expect(parseToken(formatToken(TOKEN))).toEqual(TOKEN);
  });

  it.each([
    ['a changed prefix', formatToken(TOKEN).replace('baton1', 'baton2')],
    ['a shortened secret', formatToken(TOKEN).slice(0, -30)],
    ['a secret with a non-hex digit', formatToken(TOKEN).slice(0, -1) + 'z'],
    ['a missing part', formatToken(TOKEN).split(':').slice(0, 4).join(':')],
    ['an address that is not one', formatToken({ ...TOKEN, invited: 'sam' })],
  ])('are refused with %s', (_what, text) => {
    expect(() => parseToken(text)).toThrow(/not valid/);
  });

  it('take their secret from random ids, keeping only hex digits', () => {
    const secret = secretFrom([
      '0f1e2d3c-4b5a-4968-8776-655443322110',
      'ffeeddcc-bbaa-4998-8877-665544332211',
    ]);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(() => secretFrom(['short'])).toThrow();
  });
});

describe('colleagueMailOf', () => {
  it('tells an invitation from a review request, and ignores other mail', () => {
    expect(colleagueMailOf(formatToken(TOKEN))).toEqual({
      kind: 'invitation',
      token: formatToken(TOKEN),
    });
    expect(colleagueMailOf(reviewHeaderValue('c1'))).toEqual({ kind: 'review', campaignId: 'c1' });
    expect(colleagueMailOf('')).toBeUndefined();
    expect(colleagueMailOf(undefined)).toBeUndefined();
  });
});

describe('checkApproval', () => {
  const input = {
    me: 'sam@acme.com',
    aliases: ['sam@acme.com'],
    row: invitedRow,
    record,
    grants: [] as Grant[],
    reference: 'ref',
    token: TOKEN,
  };

  it('accepts the invited address with an unused token and a signed record', () => {
    expect(checkApproval(input)).toBe(record);
  });

  it('refuses another account, naming the address the invitation is for', () => {
    expect(() => checkApproval({ ...input, me: 'eve@acme.com', aliases: [] })).toThrow(
      'This invitation is for sam@acme.com, and you are signed in as eve@acme.com',
    );
  });

  it('refuses an invitation addressed to an alias of the running mailbox', () => {
    expect(() =>
      checkApproval({ ...input, me: 'boss@acme.com', aliases: ['boss@acme.com', 'sam@acme.com'] }),
    ).toThrow(/an alias of your mailbox/);
  });

  it('refuses a token whose row is gone or whose record failed its signature', () => {
    expect(() => checkApproval({ ...input, row: undefined })).toThrow(/not valid/);
    expect(() => checkApproval({ ...input, record: undefined })).toThrow(/not valid/);
  });

  it('refuses a token naming another campaign than its signed record', () => {
    expect(() => checkApproval({ ...input, token: { ...TOKEN, campaignId: 'c2' } })).toThrow(
      /not valid/,
    );
  });

  it('refuses a token used before, by the row or by the colleague’s own grants', () => {
    expect(() => checkApproval({ ...input, row: { ...invitedRow, status: 'Active' } })).toThrow(
      /used already/,
    );
    expect(() => checkApproval({ ...input, grants: [grant({ state: 'revoked' })] })).toThrow(
      /used already/,
    );
  });
});

describe('holds on a colleague’s sending', () => {
  it('lets an active grant with matching content of a running campaign send', () => {
    expect(grantHold(grant(), NOW)).toBeUndefined();
    expect(recordHold(record, grant(), 'sam@acme.com')).toBeUndefined();
  });

  it('holds a missing or revoked grant, a changed content and a passed end date', () => {
    expect(grantHold(undefined, NOW)).toMatch(/Revoked/);
    expect(grantHold(grant({ state: 'revoked' }), NOW)).toMatch(/Revoked/);
    expect(grantHold(grant({ state: 'needs_reapproval' }), NOW)).toMatch(/re-approves/);
    expect(grantHold(grant({ endAt: NOW }), NOW)).toMatch(/end date/);
  });

  it('holds when the owner changed a step, paused, or handed the campaign to another mailbox', () => {
    const edited = recordOf(
      { ...campaign, steps: [{ ...campaign.steps[0], text: 'Changed' }] },
      'sam@acme.com',
      {},
      6,
    );
    expect(recordHold(edited, grant(), 'sam@acme.com')).toMatch(/changed the content/);
    const paused = recordOf({ ...campaign, state: 'paused' }, 'sam@acme.com', {}, 6);
    expect(recordHold(paused, grant(), 'sam@acme.com')).toBe('Paused by the owner.');
    const moved = recordOf(
      { ...campaign, sender: { ...campaign.sender, email: 'rita@acme.com' } },
      'sam@acme.com',
      {},
      6,
    );
    expect(recordHold(moved, grant(), 'sam@acme.com')).toMatch(/another mailbox/);
  });

  it('holds an older record than one already seen (a replay by an editor of the sheet)', () => {
    expect(recordHold(record, grant({ seenVersion: 9 }), 'sam@acme.com')).toMatch(/signature/);
  });
});

describe('approvedCampaign', () => {
  it('keeps the approved content, sends from the colleague, with the stricter daily cap', () => {
    const copy = approvedCampaign(record, 'Sam@Acme.com', NOW);
    expect(copy.steps).toEqual(campaign.steps);
    expect(copy.sender).toEqual({ email: 'sam@acme.com', name: 'Sam', kind: 'colleague' });
    expect(copy.settings.dailyCap).toBe(20);
  });
});

describe('ownerStatus', () => {
  const fp = recordFingerprint(record);
  const active = {
    ...invitedRow,
    status: 'Active',
    approved: fp,
    lastRun: new Date(NOW).toISOString(),
  };

  it('reports Active while the colleague’s tick runs', () => {
    expect(ownerStatus(active, fp, NOW + 60_000)).toBe('Active');
  });

  it('reports Needs reconnect when the tick has been silent for hours', () => {
    expect(ownerStatus(active, fp, NOW + RECONNECT_AFTER_MS + 1)).toBe('Needs reconnect');
  });

  it('reports Needs re-approval as soon as the owner’s content differs from the approved one', () => {
    expect(ownerStatus(active, 'other', NOW)).toBe('Needs re-approval');
  });

  it('passes Invited, Revoked and Declined through', () => {
    for (const status of ['Invited', 'Revoked', 'Declined'])
      expect(ownerStatus({ ...active, status }, fp, NOW)).toBe(status);
  });
});

describe('grants in the colleague’s store', () => {
  it('round-trip, and a revoked grant keeps no secret', () => {
    const kept = decodeGrants(
      encodeGrants([grant(), grant({ reference: 'old', state: 'revoked' })]),
    );
    expect(kept[0]).toEqual(grant());
    expect(kept[1]).toMatchObject({ reference: 'old', state: 'revoked', secret: '' });
  });

  it('read as none when the property is missing or not JSON', () => {
    expect(decodeGrants(undefined)).toEqual([]);
    expect(decodeGrants('{oops')).toEqual([]);
  });
});
