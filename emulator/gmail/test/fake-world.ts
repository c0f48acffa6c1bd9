// A small stand-in for the emulator's world, so the mail emulation can be tested alone: a clock,
// users, seeded randomness, and executions whose invoke just runs the body and counts the call.
import type {
  AuditEvent,
  ExecutionContext,
  ExecutionKind,
  HostContext,
  Kernel,
  QuotaName,
  UserAccount,
} from '../../kernel';
import { MailSystem, type MailSystemOptions } from '../mail-system';
import { gmailServices } from '../index';

const QUOTA_MESSAGES: Record<QuotaName, string> = {
  emailRecipients: 'Service invoked too many times for one day: email.',
  emailReadWrite: 'Service invoked too many times for one day: gmail.',
  propertiesReadWrite: 'Service invoked too many times for one day: properties.',
  triggerRuntimeMs: 'Service using too much computer time for one day',
  urlFetch: 'Service invoked too many times for one day: urlfetch.',
};

export interface FakeExecution {
  ctx: ExecutionContext;
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  Gmail: GoogleAppsScript.Gmail;
  MailApp: GoogleAppsScript.Mail.MailApp;
}

export class FakeKernel implements Kernel {
  clock = Date.UTC(2026, 10, 2, 9, 0, 0);
  private readonly accounts = new Map<string, UserAccount>();
  private readonly states = new Map<string, unknown>();
  private seed = 42;
  readonly audits: AuditEvent[] = [];
  readonly calls: string[] = [];
  readonly quotas = new Map<string, number>();
  private executions = 0;

  constructor(private readonly mailOptions: MailSystemOptions = {}) {}

  now(): number {
    return this.clock;
  }
  advance(ms: number): void {
    this.clock += ms;
  }
  user(email: string): UserAccount | undefined {
    return this.accounts.get(email.toLowerCase());
  }
  users(): UserAccount[] {
    return [...this.accounts.values()];
  }
  random(): number {
    // mulberry32: small, seeded, good enough for ids
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  state<T>(key: string, create: () => T): T {
    if (!this.states.has(key)) this.states.set(key, create());
    return this.states.get(key) as T;
  }

  addUser(email: string, name: string): UserAccount {
    const account: UserAccount = {
      email,
      name,
      kind: 'workspace',
      timeZone: 'UTC',
      authorized: true,
    };
    this.accounts.set(email.toLowerCase(), account);
    return account;
  }

  get mail(): MailSystem {
    return this.state('mail', () => new MailSystem(this, this.mailOptions));
  }

  /** One execution as `email`, with the globals gmailServices gives it. */
  execute(
    email: string,
    options: { kind?: ExecutionKind; host?: HostContext; emailQuota?: number } = {},
  ): FakeExecution {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's methods need the kernel
    const kernel = this;
    const account = this.user(email);
    if (!account) throw new Error(`no user ${email}`);
    const executionId = ++this.executions;
    const quotaKey = (quota: QuotaName): string => `${email}:${quota}`;
    if (options.emailQuota !== undefined)
      this.quotas.set(quotaKey('emailRecipients'), options.emailQuota);
    const ctx: ExecutionContext = {
      kernel,
      executionId,
      user: account,
      kind: options.kind ?? 'direct',
      host: options.host ?? { app: 'none' },
      invoke<T>(service: string, method: string, body: () => T): T {
        kernel.calls.push(`${service}.${method}`);
        return body();
      },
      consumeQuota(quota: QuotaName, amount: number): void {
        const left = ctx.remainingQuota(quota);
        if (left < amount) throw new Error(QUOTA_MESSAGES[quota]);
        kernel.quotas.set(quotaKey(quota), left - amount);
      },
      remainingQuota(quota: QuotaName): number {
        return kernel.quotas.get(quotaKey(quota)) ?? (quota === 'emailRecipients' ? 1500 : 50000);
      },
      audit(service: string, method: string, resource: Record<string, string>): void {
        kernel.audits.push({ user: email, executionId, service, method, resource });
      },
      error(message: string): Error {
        return new Error(message);
      },
    };
    return { ctx, ...(gmailServices(ctx) as Omit<FakeExecution, 'ctx'>) };
  }
}
