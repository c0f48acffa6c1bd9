// A small world for the card tests: one recruiter with Baton installed, the BUILT bundle loaded,
// and helpers that run an entry point and hand back its JSON (checked against card.proto).
import { toAddOnJson } from '../../emulator/cards';
import { checkAddOnResultJson } from '../../emulator/fidelity/cards';
import { PropertyStores } from '../../emulator/services/properties';
import {
  World,
  type ExecutionKind,
  type ExecutionResult,
  type HostContext,
  type RunOptions,
} from '../../emulator';
import { loadBuiltBaton } from '../../sim/baton-world';
import { defaultSettings, type Campaign, type CampaignState } from '../../src/core/campaign';
import { candidateKey } from '../../src/core/roster';
import type { Progress } from '../../src/core/sequence';
import { emptyStore, encodeStore } from '../../src/core/store';
import { candidateRef, emptyReplyState, encodeReplyState } from '../../src/core/replies/state';

export const RECRUITER = 'rita@acme.com';
export const FRIEND = 'fred@acme.com';
export const START = Date.parse('2026-03-02T08:00:00Z');

export interface Shown {
  json: unknown;
  result: ExecutionResult;
}

/** Runs one execution; a script error or JSON that card.proto refuses fails the test. */
export function runShown(world: World, request: RunOptions): Shown {
  const result = world.run(request);
  if (result.error) throw new Error(`${request.as}: ${request.fn} failed: ${result.error}`);
  const json = toAddOnJson(result.value);
  const problems = checkAddOnResultJson(json);
  if (problems.length)
    throw new Error(`${request.fn} returned JSON that card.proto refuses:\n${problems.join('\n')}`);
  return { json, result };
}

export class CardWorld {
  readonly world = new World({ seed: 7, start: START });
  /** The built bundle (BATON_DIST names another build folder, e.g. a private copy). */
  readonly project = loadBuiltBaton();

  constructor() {
    this.world.addUser({ email: RECRUITER, name: 'Rita', timeZone: 'Europe/Paris' });
    this.world.addUser({ email: FRIEND, name: 'Fred' });
  }

  /** The Gmail host the next card executions run in (the open message, if any). */
  host: HostContext = { app: 'gmail' };

  /** A plain mail from a colleague lands in the recruiter's inbox and is opened in Gmail. */
  openMailFromFriend(subject: string): void {
    const raw = `From: Fred <${FRIEND}>\r\nTo: ${RECRUITER}\r\nSubject: ${subject}\r\n\r\nSee you at lunch.\r\n`;
    this.world.mail.mailbox(FRIEND).send(raw);
    const inbox = this.world.mail.mailbox(RECRUITER);
    const threadId = inbox.threadIds()[0];
    const messageId = inbox.thread(threadId)[0].id;
    this.host = { app: 'gmail', gmail: { messageId, threadId, accessToken: 'open-message-token' } };
  }

  /** Runs a Baton entry point as the recruiter; fails the test on a script error or bad JSON. */
  run(
    fn: string,
    kind: ExecutionKind,
    extra: {
      parameters?: Record<string, string>;
      formInputs?: Record<string, string | string[]>;
    } = {},
  ): Shown {
    return runShown(this.world, {
      project: this.project,
      as: RECRUITER,
      fn,
      kind,
      host: this.host,
      ...extra,
    });
  }

  /** Clicks a card button: runs onCardAction with the action's parameters. */
  click(
    action: string,
    formInputs?: Record<string, string | string[]>,
    params: Record<string, string> = {},
  ) {
    return this.run('onCardAction', 'action', { parameters: { ...params, action }, formInputs });
  }

  userProperties(): Record<string, string> {
    return this.world.properties.snapshot(this.project.id, 'user', RECRUITER);
  }

  /** Puts campaigns straight into the recruiter's store, as the campaign use cases would. */
  seedCampaigns(
    campaigns: {
      name: string;
      state: CampaignState;
      progress: Progress['state'][];
      /** Candidates (by index) the reply scan classified interested. */
      interested?: number[];
    }[],
  ) {
    const store = emptyStore();
    const replies = emptyReplyState();
    campaigns.forEach((spec, i) => {
      const id = `c${i + 1}`;
      const campaign: Campaign = {
        id,
        name: spec.name,
        owner: RECRUITER,
        spreadsheetId: `sheet${i + 1}`,
        tabName: 'Candidates',
        emailHeader: 'Email',
        steps: [{ subject: 'Hello', text: 'Hi {{First name}}', html: '', delayDays: 0 }],
        settings: defaultSettings(START, 'Europe/Paris'),
        sender: { email: RECRUITER, name: 'Rita', kind: 'self' },
        state: spec.state,
        createdAt: START,
      };
      const candidates = new Map<string, Progress>();
      spec.progress.forEach((state, n) =>
        candidates.set(candidateKey(`cand${n}@example.com`), {
          sent: state === 'active' ? 0 : 1,
          state,
          lastSentAt: START,
          threadId: `thread${n}`,
        }),
      );
      for (const n of spec.interested ?? [])
        replies.candidates.set(candidateRef(id, candidateKey(`cand${n}@example.com`)), {
          verdict: { category: 'interested', at: START },
        });
      store.campaigns.set(id, campaign);
      store.progress.set(id, { day: '', sentToday: 0, candidates });
    });
    const key = PropertyStores.key(this.project.id, 'user', RECRUITER);
    const target = this.world.properties.store(key);
    const entries = { ...encodeStore(store), ...encodeReplyState(replies) };
    for (const [k, v] of Object.entries(entries)) target.set(k, v);
  }

  /** Uses up the recruiter's recipients for today. */
  exhaustEmailQuota(): void {
    const left = this.world.quotas.remaining(
      RECRUITER,
      'workspace',
      'emailRecipients',
      this.world.now(),
    );
    this.world.quotas.consume(RECRUITER, 'workspace', 'emailRecipients', left, this.world.now());
  }
}

/** Every piece of text a card JSON shows, in order, for assertions that read like the card. */
export function textOf(json: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, k);
    else if (
      typeof value === 'string' &&
      ['text', 'title', 'subtitle', 'topLabel', 'bottomLabel', 'header', 'label'].includes(key)
    )
      parts.push(value);
  };
  visit(json);
  return parts.join('\n');
}

/** The card a response shows: the pushed or updated card of a navigation, or the card itself. */
export function shownCard(json: unknown): Record<string, unknown> {
  const r = json as { renderActions?: { action?: { navigations?: Record<string, unknown>[] } } };
  const steps = r.renderActions?.action?.navigations ?? [];
  const step = steps.find((s) => s.pushCard || s.updateCard);
  if (step) return (step.pushCard ?? step.updateCard) as Record<string, unknown>;
  return json as Record<string, unknown>;
}

export function notificationOf(json: unknown): string | undefined {
  return (json as { renderActions?: { action?: { notification?: { text: string } } } })
    .renderActions?.action?.notification?.text;
}
