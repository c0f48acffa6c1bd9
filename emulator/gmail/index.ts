// The emulator's mail: MailSystem (mailboxes, delivery, threading) and the gmailServices factory
// that gives each execution its GmailApp, Gmail (advanced service) and MailApp globals.
import type { ServiceFactory } from '../kernel';
import { GmailAdvancedService } from './advanced';
import { EmulatedGmailApp } from './gmail-app';
import { mailSystemOf } from './service-support';

export { MailSystem, Mailbox, MAILER_DAEMON } from './mail-system';
export type { MailSystemOptions, StoredMessage, AutoReply, BounceKind } from './mail-system';
export { parseMessage, buildMessage } from './mime';

/** The mail globals of one execution, over the world's MailSystem (kernel.state('mail')). */
export const gmailServices: ServiceFactory = (ctx) => {
  const mail = mailSystemOf(ctx);
  const gmailApp = new EmulatedGmailApp(ctx);
  return {
    GmailApp: gmailApp,
    Gmail: new GmailAdvancedService(ctx, { byteFields: mail.byteFields }).build(),
    MailApp: gmailApp.mailApp(),
  };
};
