// The emulator's mail: MailSystem (mailboxes, delivery, threading) and the gmailServices factory
// that gives each execution its GmailApp, Gmail (advanced service) and MailApp globals.
import type { ExecutionContext, ServiceFactory } from '../kernel';
import { GmailAdvancedService } from './advanced';
import { EmulatedGmailApp } from './gmail-app';
import { publishGmailServers } from './rest';
import { mailSystemOf } from './service-support';

export { MailSystem, Mailbox, MAILER_DAEMON } from './mail-system';
export type { MailSystemOptions, StoredMessage, AutoReply, BounceKind } from './mail-system';
export { parseMessage, buildMessage } from './mime';

interface AdvancedServiceEntry {
  userSymbol?: string;
  serviceId?: string;
}

/**
 * The global name of the Gmail advanced service: as Apps Script, only when the project's manifest
 * enables it (under its userSymbol). Executions that carry no project (unit tests) always get it.
 */
function advancedServiceSymbol(ctx: ExecutionContext): string | undefined {
  const project = (ctx as { project?: { manifest?: { dependencies?: unknown } } }).project;
  if (!project) return 'Gmail';
  const dependencies = project.manifest?.dependencies as
    { enabledAdvancedServices?: AdvancedServiceEntry[] } | undefined;
  const entry = (dependencies?.enabledAdvancedServices ?? []).find((s) => s.serviceId === 'gmail');
  return entry ? (entry.userSymbol ?? 'Gmail') : undefined;
}

/** The mail globals of one execution, over the world's MailSystem (kernel.state('mail')). */
export const gmailServices: ServiceFactory = (ctx) => {
  const mail = mailSystemOf(ctx);
  publishGmailServers(ctx.kernel);
  const gmailApp = new EmulatedGmailApp(ctx);
  const symbol = advancedServiceSymbol(ctx);
  return {
    GmailApp: gmailApp,
    MailApp: gmailApp.mailApp(),
    ...(symbol
      ? { [symbol]: new GmailAdvancedService(ctx, { byteFields: mail.byteFields }).build() }
      : {}),
  };
};
