// The demo world `npm start` opens: a recruiter, a hiring manager, a spreadsheet of candidates,
// and how each candidate behaves when Baton's mail reaches them (reply, opt out, be away, bounce).
// Candidate behaviour is a pure function of the world's mail and clock, so replaying the journal
// (see session.ts) rebuilds the same world.
import type { PersonSeed, WorkbenchWorld } from './world-adapter';

export const RECRUITER = 'rita.recruiter@acme.example';
export const HIRING_MANAGER = 'hugo.manager@acme.example';
export const DEMO_START = Date.UTC(2026, 2, 2, 8, 0); // a Monday morning
export const SHEET_NAME = 'Backend engineers — spring hiring';
export const CANDIDATES_TAB = 'Candidates';

/** What a candidate does with mail from Baton's users. */
export type Behaviour =
  'interested' | 'not-interested' | 'opt-out' | 'away' | 'bounces' | 'silent' | 'manual';

export interface Candidate {
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  behaviour: Behaviour;
}

const FIRST = ['Ada', 'Bela', 'Chen', 'Dara', 'Emil', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas'];
const LAST = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Novak', 'Silva', 'Haddad', 'Kowalski'];
const COMPANIES = ['Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark'];
/** One behaviour per candidate, in order; most stay silent, as in real campaigns. */
const PATTERN: Behaviour[] = ['interested', 'silent', 'away', 'silent', 'not-interested', 'silent'];
const SPECIAL: Record<number, Behaviour> = {
  0: 'manual',
  7: 'opt-out',
  11: 'bounces',
  23: 'bounces',
};
export const CANDIDATE_COUNT = 36;

export function demoCandidates(): Candidate[] {
  return Array.from({ length: CANDIDATE_COUNT }, (_, i) => {
    const firstName = FIRST[i % FIRST.length];
    const lastName = LAST[(i * 3) % LAST.length];
    const company = COMPANIES[i % COMPANIES.length];
    const domain = i % 3 === 0 ? 'mail.example' : `${company.toLowerCase()}.example`;
    return {
      email: `${firstName}.${lastName}${i}@${domain}`.toLowerCase(),
      firstName,
      lastName,
      company,
      behaviour: SPECIAL[i] ?? PATTERN[i % PATTERN.length],
    };
  });
}

const REPLIES: Partial<Record<Behaviour, string>> = {
  interested: 'Thanks for reaching out! This sounds interesting — could we talk on Thursday?',
  'not-interested': 'Thank you, but I am happy where I am and not looking right now.',
  'opt-out': 'Please remove me from your mailing list and do not contact me again. Unsubscribe.',
};
/** How long a scripted candidate takes to answer. */
const REPLY_DELAY_MS = 3 * 3600_000;

/** Seeds the people and the campaign spreadsheet. */
export function seedDemo(world: WorkbenchWorld): string {
  const people: PersonSeed[] = [
    { email: RECRUITER, name: 'Rita Recruiter', role: 'addon-user' },
    { email: HIRING_MANAGER, name: 'Hugo Manager', role: 'addon-user' },
  ];
  for (const c of demoCandidates()) {
    if (c.behaviour === 'bounces') continue; // no mailbox: mail to them bounces
    people.push({
      email: c.email,
      name: `${c.firstName} ${c.lastName}`,
      role: 'candidate',
      autoReply:
        c.behaviour === 'away'
          ? {
              subject: 'Out of office',
              body: `I am away until next week with limited access to email. — ${c.firstName}`,
            }
          : undefined,
    });
  }
  for (const p of people) world.addPerson(p);
  const rows = demoCandidates().map((c) => [
    c.email,
    c.firstName,
    c.lastName,
    c.company,
    'Backend',
  ]);
  return world.createSpreadsheet(RECRUITER, SHEET_NAME, [
    {
      name: CANDIDATES_TAB,
      values: [['Email', 'First name', 'Last name', 'Company', 'Role'], ...rows],
    },
  ]);
}

/**
 * The scripted candidates: each answers the first message it received from a Baton user once
 * REPLY_DELAY_MS have passed. Called after every step of the clock.
 */
export function runCandidateBehaviour(world: WorkbenchWorld): void {
  const addonUsers = new Set(
    world
      .people()
      .filter((p) => p.role === 'addon-user')
      .map((p) => p.email),
  );
  for (const c of demoCandidates()) {
    const text = REPLIES[c.behaviour];
    if (!text || !world.people().some((p) => p.email === c.email)) continue;
    for (const thread of world.threads(c.email, 'INBOX')) {
      const messages = world.thread(c.email, thread.id);
      const answered = messages.some((m) => addressOf(m.from) === c.email);
      const first = messages.find((m) => addonUsers.has(addressOf(m.from)));
      if (answered || !first || world.now() - first.date < REPLY_DELAY_MS) continue;
      world.send({
        from: c.email,
        to: addressOf(first.from),
        subject: `Re: ${first.subject}`,
        text,
        inReplyTo: first.id,
      });
    }
  }
}

export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1] : from).trim().toLowerCase();
}
