// Convenience readers over a parsed message: the fields Baton matches and classifies on, and the
// message's readable text (plain text, or HTML converted to text).
import {
  Address,
  getHeader,
  getRawHeader,
  parseAddressList,
  parseMessageIds,
  parseRfc5322Date,
} from './headers';
import { htmlToText } from './html';
import { messageBodies, MimeMessage } from './parse';

export function fromAddress(message: MimeMessage): Address | undefined {
  return parseAddressList(getRawHeader(message.headers, 'From'))[0];
}

export function recipientAddresses(message: MimeMessage): Address[] {
  return [
    ...parseAddressList(getRawHeader(message.headers, 'To')),
    ...parseAddressList(getRawHeader(message.headers, 'Cc')),
  ];
}

export function subjectOf(message: MimeMessage): string {
  return getHeader(message.headers, 'Subject') ?? '';
}

/** The Date header as epoch milliseconds, or undefined when absent or unreadable. */
export function dateOf(message: MimeMessage): number | undefined {
  return parseRfc5322Date(getHeader(message.headers, 'Date'));
}

export function messageIdOf(message: MimeMessage): string | undefined {
  return parseMessageIds(getHeader(message.headers, 'Message-ID'))[0];
}

export function inReplyToOf(message: MimeMessage): string[] {
  return parseMessageIds(getHeader(message.headers, 'In-Reply-To'));
}

export function referencesOf(message: MimeMessage): string[] {
  return parseMessageIds(getHeader(message.headers, 'References'));
}

/** RFC 3834 Auto-Submitted keyword, lowercased ('' when absent; "no" means a human sent it). */
export function autoSubmittedOf(message: MimeMessage): string {
  return (getHeader(message.headers, 'Auto-Submitted') ?? '').split(';')[0].trim().toLowerCase();
}

/** The message's text: its text/plain body, or its HTML body as text when there is no plain one. */
export function readableText(message: MimeMessage): string {
  const bodies = messageBodies(message);
  return bodies.plain.trim() ? bodies.plain : htmlToText(bodies.html);
}
