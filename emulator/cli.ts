// The emulator's command: runs one function of an Apps Script project in a fresh default world
// and prints what it returned as JSON (a card as card JSON, an action response as its JSON), or
// {"error": "..."} with exit code 1.
//
//   npm run --silent emulator -- run --project <dir> --as <email> --function <name>
//        [--event <event.json>] [--kind homepage|contextual|action|universal|trigger|direct]
//        [--host gmail|sheets] [--seed <n>] [--logs]
import { readFileSync } from 'node:fs';
import { toAddOnJson } from './cards/index';
import type { ExecutionKind, HostContext } from './kernel';
import { loadProject, manifestFunctions, type Project } from './project';
import { World } from './world';

const USAGE = `Usage: npm run --silent emulator -- run --project <dir> --as <email> --function <name>
       [--event <event.json>] [--kind homepage|contextual|action|universal|trigger|direct]
       [--host gmail|sheets] [--seed <n>] [--logs]`;

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
  project: string;
  as: string;
  fn: string;
  event?: string;
  kind?: ExecutionKind;
  host?: 'gmail' | 'sheets';
  seed: number;
  logs: boolean;
}

export function parseArguments(argv: string[]): CliOptions {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(`Unknown command "${command ?? ''}".`);
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i += 1) {
    const name = rest[i];
    if (!name.startsWith('--')) throw new UsageError(`Unexpected argument "${name}".`);
    if (name === '--logs') flags.add('logs');
    else if (i + 1 >= rest.length) throw new UsageError(`${name} needs a value.`);
    else values[name.slice(2)] = rest[++i];
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
  return {
    project: values.project,
    as: values.as,
    fn: values.function,
    event: values.event,
    kind,
    host,
    seed,
    logs: flags.has('logs'),
  };
}

/** The kind of execution a function is, by what the manifest says of it. */
function kindOf(project: Project, fn: string, hasEvent: boolean): ExecutionKind {
  const named = manifestFunctions(project.manifest);
  if (named.homepage.includes(fn)) return 'homepage';
  if (named.contextual.includes(fn)) return 'contextual';
  if (named.universal.includes(fn)) return 'universal';
  return hasEvent && project.manifest.addOns ? 'action' : 'direct';
}

/** The host app a function runs in: Sheets for the Sheets homepage, else Gmail. */
function hostFor(project: Project, fn: string, wanted?: 'gmail' | 'sheets'): 'gmail' | 'sheets' {
  if (wanted) return wanted;
  const sheets = project.manifest.addOns?.sheets as
    { homepageTrigger?: { runFunction?: string } } | undefined;
  return sheets?.homepageTrigger?.runFunction === fn ? 'sheets' : 'gmail';
}

/** Runs the command; returns the exit code and what to print. */
export function runCommand(argv: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const options = parseArguments(argv);
    const project = loadProject(options.project);
    const world = new World({ seed: options.seed });
    world.addUser({ email: options.as });
    world.install(project, options.as);
    const spreadsheetId = world.createSpreadsheet({
      owner: options.as,
      name: 'Sheet of ' + options.as,
    });
    const event = options.event ? JSON.parse(readFileSync(options.event, 'utf8')) : undefined;
    const kind = options.kind ?? kindOf(project, options.fn, event !== undefined);
    const app = hostFor(project, options.fn, options.host);
    const host: HostContext =
      app === 'sheets'
        ? { app, activeSpreadsheetId: spreadsheetId }
        : kind === 'contextual'
          ? { app, gmail: { messageId: 'msg-1', threadId: 'msg-1', accessToken: 'token-1' } }
          : { app };
    const result = world.run({ project, as: options.as, fn: options.fn, kind, host, event });
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
