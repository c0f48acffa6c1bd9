// The emulator's command: runs one function of an Apps Script project in a world (a fresh default
// one, or one read from a file) and prints what it returned as JSON (a card as card JSON, an action
// response as its JSON), or {"error": "..."} with exit code 1. `--help` says how.
import { readFileSync, writeFileSync } from 'node:fs';
import { toAddOnJson } from './cards/index';
import type { FormInputValue } from './events';
import { buildMessage } from './gmail/mime';
import type { ExecutionKind, HostContext } from './kernel';
import { loadProject, manifestFunctions, type Project } from './project';
import { World } from './world';
import { saveWorld, seedWorld, type WorldFile } from './world-file';

const USAGE = `Usage: npm run --silent emulator -- run --project <dir> --as <email> --function <name> [options]

Runs one function of an Apps Script project in an offline Workspace and prints what it returned
as JSON (a card as card JSON, an action response as its render-actions JSON), or {"error": "..."}
with exit code 1.

Options:
  --event <event.json>    the event object to pass; its "gmail" block (messageId, threadId,
                          accessToken) and "hostApp" (or commonEventObject.hostApp) set the host
  --kind <kind>           homepage | contextual | action | universal | trigger | direct
                          (default: what the manifest says of the function; else action with an
                          event or an input, direct otherwise)
  --host gmail|sheets     the host app (default: Sheets for the Sheets homepage, else Gmail)
  --param key=value       an action parameter (repeatable)
  --input name=value      a form input (repeatable; a repeated name is a multi-valued input; a
                          JSON value such as {"dateInput":{"msSinceEpoch":0}} is a picker's value)
  --locale <locale>       the user's locale in the event (default en)
  --zone <time zone>      the user's time zone (default Etc/UTC)
  --world <world.json>    seed the world: users, spreadsheets, properties, mail (docs/emulator.md)
  --save-world <file>     write the world after the run in the same format (mailboxes as a report)
  --seed <n>              the seed of every random draw (default 1)
  --logs                  print the script's logs on stderr
  --help                  this text`;

const KINDS: ExecutionKind[] = [
  'homepage',
  'contextual',
  'action',
  'universal',
  'trigger',
  'direct',
];

class UsageError extends Error {}

export interface CliOptions {
  help?: boolean;
  project: string;
  as: string;
  fn: string;
  event?: string;
  kind?: ExecutionKind;
  host?: 'gmail' | 'sheets';
  seed: number;
  logs: boolean;
  parameters: Record<string, string>;
  inputs: Record<string, FormInputValue>;
  locale?: string;
  zone?: string;
  world?: string;
  saveWorld?: string;
}

const REPEATABLE = new Set(['param', 'input']);
const VALUED = new Set([
  'project',
  'as',
  'function',
  'event',
  'kind',
  'host',
  'seed',
  'locale',
  'zone',
  'world',
  'save-world',
  ...REPEATABLE,
]);

/** `name=value` of --param / --input. */
function pair(flag: string, text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag} takes name=value, not "${text}".`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function inputValue(name: string, text: string): FormInputValue {
  if (!/^\s*\{/.test(text)) return text;
  try {
    return JSON.parse(text) as FormInputValue;
  } catch {
    throw new UsageError(`--input ${name}= is not valid JSON: ${text}`);
  }
}

export function parseArguments(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { help: true } as CliOptions;
  if (command !== 'run') throw new UsageError(`Unknown command "${command}".`);
  const values: Record<string, string> = {};
  const repeated: Record<string, string[]> = { param: [], input: [] };
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return { help: true } as CliOptions;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const name = arg.slice(2);
    if (name === 'logs') flags.add('logs');
    else if (!VALUED.has(name)) throw new UsageError(`Unknown option ${arg}.`);
    else if (i + 1 >= rest.length) throw new UsageError(`${arg} needs a value.`);
    else if (REPEATABLE.has(name)) repeated[name].push(rest[++i]);
    else values[name] = rest[++i];
  }
  for (const required of ['project', 'as', 'function'])
    if (!values[required]) throw new UsageError(`--${required} is required.`);
  const kind = values.kind as ExecutionKind | undefined;
  if (kind && !KINDS.includes(kind))
    throw new UsageError(`--kind must be one of ${KINDS.join(', ')}.`);
  const host = values.host as 'gmail' | 'sheets' | undefined;
  if (host && host !== 'gmail' && host !== 'sheets')
    throw new UsageError('--host must be gmail or sheets.');
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer.');
  const inputs: Record<string, FormInputValue> = {};
  for (const [name, text] of repeated.input.map((t) => pair('input', t))) {
    const previous = inputs[name];
    if (previous === undefined) inputs[name] = inputValue(name, text);
    else if (typeof previous === 'string' || Array.isArray(previous))
      inputs[name] = [...(Array.isArray(previous) ? previous : [previous]), text];
    else throw new UsageError(`--input ${name} is given twice.`);
  }
  return {
    project: values.project,
    as: values.as,
    fn: values.function,
    event: values.event,
    kind,
    host,
    seed,
    logs: flags.has('logs'),
    parameters: Object.fromEntries(repeated.param.map((t) => pair('param', t))),
    inputs,
    locale: values.locale,
    zone: values.zone,
    world: values.world,
    saveWorld: values['save-world'],
  };
}

/** The kind of execution a function is, by what the manifest says of it. */
function kindOf(project: Project, fn: string, interactive: boolean): ExecutionKind {
  const named = manifestFunctions(project.manifest);
  if (named.homepage.includes(fn)) return 'homepage';
  if (named.contextual.includes(fn)) return 'contextual';
  if (named.universal.includes(fn)) return 'universal';
  return interactive && project.manifest.addOns ? 'action' : 'direct';
}

type Event = Record<string, unknown> & {
  hostApp?: unknown;
  gmail?: { messageId?: string; threadId?: string; accessToken?: string };
  commonEventObject?: { hostApp?: unknown };
  sheets?: { id?: string };
};

/** The host app: --host, else the event's hostApp, else Sheets for the Sheets homepage, else Gmail. */
function appFor(project: Project, fn: string, options: CliOptions, event?: Event) {
  if (options.host) return options.host;
  const fromEvent = String(event?.hostApp ?? event?.commonEventObject?.hostApp ?? '').toLowerCase();
  if (fromEvent === 'gmail' || fromEvent === 'sheets') return fromEvent;
  if (fromEvent) throw new UsageError(`The event's hostApp "${fromEvent}" is not gmail or sheets.`);
  const sheets = project.manifest.addOns?.sheets as
    { homepageTrigger?: { runFunction?: string } } | undefined;
  return sheets?.homepageTrigger?.runFunction === fn ? 'sheets' : 'gmail';
}

/** A message in the user's inbox for a contextual run that names none: the one "open" in Gmail. */
function openMessage(world: World, user: string): { messageId: string; threadId: string } {
  const sender =
    world.mail.find('sender@example.com') ??
    world.mail.createMailbox('sender@example.com', 'A Sender');
  const raw = buildMessage({
    headers: [
      { name: 'From', value: 'A Sender <sender@example.com>' },
      { name: 'To', value: user },
      { name: 'Subject', value: 'The open message' },
    ],
    text: 'The message open in Gmail when the contextual trigger fired.',
  });
  sender.send(raw);
  const received = [...world.mail.mailbox(user).messages.values()].pop();
  if (!received) throw new Error(`Could not deliver the open message to ${user}.`);
  return { messageId: received.id, threadId: received.threadId };
}

/** Runs the command; returns the exit code and what to print. */
export function runCommand(argv: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const options = parseArguments(argv);
    if (options.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    const project = loadProject(options.project);
    const world = new World({ seed: options.seed });
    if (options.world)
      seedWorld(world, project, JSON.parse(readFileSync(options.world, 'utf8')) as WorldFile);
    if (!world.user(options.as))
      world.addUser({ email: options.as, ...(options.zone ? { timeZone: options.zone } : {}) });
    else if (options.zone)
      throw new UsageError('--zone is for a user the world file does not define.');
    world.install(project, options.as);
    const owned = world.sheets.all().find((sheet) => sheet.owner === options.as.toLowerCase());
    const spreadsheetId =
      owned?.id ?? world.createSpreadsheet({ owner: options.as, name: 'Sheet of ' + options.as });
    const built = Object.keys(options.inputs).length + Object.keys(options.parameters).length > 0;
    if (options.event && built)
      throw new UsageError(
        '--input and --param build the event; with --event, put them in the event file instead.',
      );
    const event = options.event
      ? (JSON.parse(readFileSync(options.event, 'utf8')) as Event)
      : undefined;
    const interactive = event !== undefined || built;
    const kind = options.kind ?? kindOf(project, options.fn, interactive);
    const app = appFor(project, options.fn, options, event);
    const gmail =
      app === 'gmail' && (event?.gmail || kind === 'contextual')
        ? {
            ...(event?.gmail?.messageId
              ? {
                  messageId: event.gmail.messageId,
                  threadId: event.gmail.threadId ?? event.gmail.messageId,
                }
              : openMessage(world, options.as)),
            accessToken: event?.gmail?.accessToken ?? 'offline-access-token',
          }
        : undefined;
    const host: HostContext =
      app === 'sheets'
        ? { app, activeSpreadsheetId: event?.sheets?.id ?? spreadsheetId }
        : { app, ...(gmail ? { gmail } : {}) };
    const result = world.run({
      project,
      as: options.as,
      fn: options.fn,
      kind,
      host,
      event,
      formInputs: options.inputs,
      parameters: Object.keys(options.parameters).length ? options.parameters : undefined,
      locale: options.locale,
    });
    if (options.saveWorld)
      writeFileSync(options.saveWorld, `${JSON.stringify(saveWorld(world, project), null, 2)}\n`);
    const stderr =
      (result.notices ?? []).map((notice) => `[notice] ${notice}\n`).join('') +
      (options.logs
        ? result.logs.map((entry) => `[${entry.level}] ${entry.message}\n`).join('')
        : '');
    if (result.error !== undefined)
      return { code: 1, stdout: `${JSON.stringify({ error: result.error })}\n`, stderr };
    return { code: 0, stdout: `${JSON.stringify(toAddOnJson(result.value), null, 2)}\n`, stderr };
  } catch (error) {
    const message = (error as Error).message;
    const usage = error instanceof UsageError ? `${USAGE}\n` : '';
    return { code: 1, stdout: `${JSON.stringify({ error: message })}\n`, stderr: usage };
  }
}

if (require.main === module) {
  const { code, stdout, stderr } = runCommand(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
