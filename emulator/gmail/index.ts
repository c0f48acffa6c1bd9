// The emulator's mail: MailSystem (mailboxes, delivery, threading) and the gmailServices factory
// that gives each execution its GmailApp, Gmail (advanced service) and MailApp globals.
import type { Kernel, ServiceFactory } from '../kernel';

/** All mailboxes of the world; created once per world through kernel.state('mail', ...). */
export class MailSystem {
  constructor(readonly kernel: Kernel) {}
}

/** The mail globals of one execution. */
export const gmailServices: ServiceFactory = (ctx) => {
  ctx.kernel.state('mail', () => new MailSystem(ctx.kernel));
  return { GmailApp: {}, Gmail: {}, MailApp: {} };
};
