// The tick's gate on in-memory ports: a revoke made while a tick runs stops its very next send,
// and campaigns the mailbox sends for itself are none of the gate's business.
import { createHash, createHmac } from 'node:crypto';
import { revokeGrants } from '../../src/app/delegation/approve';
import { grantGate } from '../../src/app/delegation/gate';
import { saveGrants } from '../../src/app/delegation/records';
import type { Campaign } from '../../src/core/campaign';
import {
  approvedCampaign,
  recordFingerprint,
  recordOf,
  SENDERS_HEADER,
  senderCells,
} from '../../src/core/delegation/grants';
import type { CellValue, Ports } from '../../src/ports';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const ME = 'sam@acme.com';
const SECRET = 'c'.repeat(64);

const owned: Campaign = {
  id: 'c1',
  name: 'Backend hires',
  owner: 'rita@acme.com',
  spreadsheetId: 's1',
  tabName: 'Candidates',
  emailHeader: 'Email',
  steps: [{ subject: 'Hello', text: 'Hi', html: '', delayDays: 0 }],
  settings: {
    timeZone: 'Europe/Paris',
    window: { startMinute: 0, endMinute: 1440, weekdays: [0, 1, 2, 3, 4, 5, 6] },
    dailyCap: 50,
    startAt: NOW,
  },
  sender: { email: ME, name: 'Sam', kind: 'colleague' },
  state: 'running',
  createdAt: NOW,
};

function setUp() {
  const properties: Record<string, string> = {};
  const record = recordOf(owned, ME, {}, 1);
  const text = JSON.stringify(record);
  const sign = (key: string, t: string) =>
    createHmac('sha256', key).update(t, 'utf8').digest('hex');
  const reference = createHash('sha256').update(SECRET).digest('hex');
  const senders: CellValue[][] = [
    [...SENDERS_HEADER],
    senderCells({
      name: 'Sam',
      email: ME,
      campaignName: owned.name,
      campaignId: owned.id,
      status: 'Active',
      updated: '',
      lastRun: '',
      reference,
      approved: recordFingerprint(record),
      record: text,
      signature: sign(SECRET, text),
    }),
  ];
  const ports = {
    identity: { email: () => ME },
    clock: { now: () => NOW },
    store: {
      readAll: () => ({ ...properties }),
      write: (entries: Record<string, string>, remove: string[] = []) => {
        Object.assign(properties, entries);
        for (const key of remove) delete properties[key];
      },
    },
    delegation: {
      senders: {
        readRows: () => senders.slice(1).map((r) => r.map(String)),
        writeCells: (_id: string, _tab: string, row: number, column: number, cells: string[]) =>
          cells.forEach((v, i) => (senders[row - 1][column - 1 + i] = v)),
      },
      signer: {
        sha256Hex: (t: string) => createHash('sha256').update(t, 'utf8').digest('hex'),
        hmacSha256Hex: sign,
      },
    },
  } as unknown as Ports;
  saveGrants(ports.store, [
    {
      campaignId: owned.id,
      campaignName: owned.name,
      spreadsheetId: owned.spreadsheetId,
      owner: owned.owner,
      reference,
      secret: SECRET,
      fingerprint: recordFingerprint(record),
      dailyCap: 50,
      endAt: 0,
      approvedAt: NOW,
      seenVersion: 1,
      state: 'active',
    },
  ]);
  return { ports, senders, copy: approvedCampaign(record, ME, NOW) };
}

describe('grantGate', () => {
  it('lets a granted campaign send, and stops the next send once the grant is revoked', () => {
    const { ports, senders, copy } = setUp();
    const gate = grantGate(ports);
    expect(gate.holdReason(copy, 'k1', NOW)).toBeUndefined();
    expect(senders[1][6]).not.toBe(''); // the tick stamped Last run for the owner
    revokeGrants(ports, [copy.id]); // as another execution would, mid-tick
    expect(gate.holdReason(copy, 'k2', NOW)).toMatch(/Revoked/);
    expect(senders[1][4]).toBe('Revoked');
  });

  it('holds a granted campaign whose Senders row lost its record', () => {
    const { ports, senders, copy } = setUp();
    senders[1][9] = '';
    expect(grantGate(ports).holdReason(copy, 'k1', NOW)).toMatch(/missing|signature/);
  });

  it('leaves the mailbox’s own campaigns alone', () => {
    const { ports, copy } = setUp();
    const own: Campaign = { ...copy, id: 'mine', sender: { email: ME, name: 'Sam', kind: 'self' } };
    expect(grantGate(ports).holdReason(own, 'k1', NOW)).toBeUndefined();
  });
});
