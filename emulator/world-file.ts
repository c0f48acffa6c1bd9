// A world in a JSON file, for the command's --world and --save-world: users, spreadsheets (with
// their tabs), the project's property stores, and mail to deliver; and the same world written back
// after a run (spreadsheets with their ids and values, stores, and each mailbox's messages).
import { messageHeader } from './gmail/mail-system';
import { buildMessage } from './gmail/mime';
import type { Project } from './project';
import type { NewSpreadsheet } from './services/spreadsheet';
import type { NewUser, World } from './world';

export interface WorldFile {
  users?: NewUser[];
  spreadsheets?: NewSpreadsheet[];
  /** The project's stores: script, user (by email), document (by spreadsheet id). */
  properties?: {
    script?: Record<string, string>;
    user?: Record<string, Record<string, string>>;
    document?: Record<string, Record<string, string>>;
  };
  /** Messages delivered in order before the run (each from its sender's mailbox, made if need be). */
  mail?: { from: string; to: string; cc?: string; subject: string; text: string; html?: string }[];
  /** Written by --save-world: every mailbox's messages, a report (not read back). */
  mailboxes?: Record<string, SavedMessage[]>;
}

interface SavedMessage {
  id: string;
  threadId: string;
  labels: string[];
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

const KNOWN = ['users', 'spreadsheets', 'properties', 'mail', 'mailboxes'];

/** Puts a world file's contents into the world, for the project; a bad file fails clearly. */
export function seedWorld(world: World, project: Project, file: WorldFile): void {
  const unknown = Object.keys(file).filter((key) => !KNOWN.includes(key));
  if (unknown.length)
    throw new Error(
      `World file: unknown field(s) ${unknown.join(', ')} (expected ${KNOWN.join(', ')}).`,
    );
  for (const user of file.users ?? []) if (!world.user(user.email)) world.addUser(user);
  for (const sheet of file.spreadsheets ?? []) world.createSpreadsheet(sheet);
  const seed = (scope: 'script' | 'user' | 'document', owner: string, values: object) =>
    world.properties.seed(project.id, scope, owner, values as Record<string, string>);
  const properties = file.properties ?? {};
  if (properties.script) seed('script', '', properties.script);
  for (const [email, values] of Object.entries(properties.user ?? {}))
    seed('user', email.toLowerCase(), values);
  for (const [id, values] of Object.entries(properties.document ?? {}))
    seed('document', id, values);
  for (const message of file.mail ?? []) {
    if (!message.from || !message.to)
      throw new Error('World file: every mail entry needs "from" and "to".');
    const sender = world.mail.find(message.from) ?? world.mail.createMailbox(message.from);
    const headers = [
      { name: 'From', value: message.from },
      { name: 'To', value: message.to },
      ...(message.cc ? [{ name: 'Cc', value: message.cc }] : []),
      { name: 'Subject', value: message.subject ?? '' },
    ];
    sender.send(buildMessage({ headers, text: message.text ?? '', html: message.html }));
  }
}

/** The world after a run, in the same format (mail as a per-mailbox report). */
export function saveWorld(world: World, project: Project): WorldFile {
  const spreadsheets = world.sheets.all().map((sheet) => ({
    id: sheet.id,
    owner: sheet.owner,
    name: sheet.name,
    tabs: Object.fromEntries(
      sheet.tabs.map((tab) => [tab.name, world.sheets.values(sheet.id, tab.name)]),
    ),
    editors: [...sheet.editors],
    timeZone: sheet.timeZone,
  }));
  const nonEmpty = <T extends object>(entries: [string, T][]) =>
    Object.fromEntries(entries.filter(([, values]) => Object.keys(values).length > 0));
  const users = world.users();
  return {
    users: users.map((u) => ({
      email: u.email,
      name: u.name,
      kind: u.kind,
      timeZone: u.timeZone,
      aliases: [...(u.aliases ?? [])],
    })),
    spreadsheets,
    properties: {
      script: world.store(project, 'script'),
      user: nonEmpty(users.map((u) => [u.email, world.store(project, 'user', u.email)])),
      document: nonEmpty(spreadsheets.map((s) => [s.id, world.store(project, 'document', s.id)])),
    },
    mailboxes: Object.fromEntries(
      [...world.mail.mailboxes.values()].map((box) => [
        box.address,
        [...box.messages.values()].map((m) => ({
          id: m.id,
          threadId: m.threadId,
          labels: [...m.labelIds].sort(),
          date: new Date(m.internalDate).toISOString(),
          from: messageHeader(m, 'From'),
          to: messageHeader(m, 'To'),
          subject: messageHeader(m, 'Subject'),
          text: m.parsed.text,
        })),
      ]),
    ),
  };
}
