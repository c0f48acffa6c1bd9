// The workbench's HTTP server (node:http, 127.0.0.1 only): serves the static pages and a small
// JSON API over the Session — mailboxes, sheets, Baton's cards, the clock, executions and usage.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { CANDIDATES_TAB, HIRING_MANAGER, RECRUITER } from './demo';
import { Session } from './session';
import type { AddonCall, OutgoingMail } from './world-adapter';

const STATIC_DIR = join(__dirname, 'static');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const HOUR = 3600_000;

export interface WorkbenchOptions {
  port: number;
  /** Where the journal lives; undefined keeps the world in memory only (tests). */
  journalPath?: string;
  /** The built add-on to run (default: dist/). */
  projectDir?: string;
  onRestoreProgress?: (done: number, total: number) => void;
}

export interface RunningWorkbench {
  url: string;
  session: Session;
  close(): Promise<void>;
}

class BadRequest extends Error {}

export async function startWorkbench(options: WorkbenchOptions): Promise<RunningWorkbench> {
  const session = new Session(options.journalPath, options.projectDir);
  session.restore(options.onRestoreProgress);
  const server = createServer((req, res) => {
    handle(session, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent)
        sendJson(res, error instanceof BadRequest ? 400 : 500, { error: message });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    session,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(session: Session, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const q = (name: string) => {
    const value = url.searchParams.get(name);
    if (!value) throw new BadRequest(`Missing query parameter "${name}".`);
    return value;
  };
  const world = session.world;
  switch (`${req.method} ${url.pathname}`) {
    case 'GET /api/state':
      return sendJson(res, 200, {
        now: world.now(),
        people: world.people(),
        spreadsheets: world.spreadsheets().map(({ id, name, owner, editors }) => ({
          id,
          name,
          owner,
          editors,
        })),
        nextTriggerAt: world.nextTriggerAt() ?? null,
        universalActions: world.universalActions(),
        demo: {
          recruiter: RECRUITER,
          hiringManager: HIRING_MANAGER,
          spreadsheetId: session.spreadsheetId,
          tab: CANDIDATES_TAB,
        },
      });
    case 'GET /api/labels':
      return sendJson(res, 200, world.labels(q('user')));
    case 'GET /api/threads':
      return sendJson(res, 200, world.threads(q('user'), q('label')));
    case 'GET /api/thread':
      return sendJson(res, 200, world.thread(q('user'), q('id')));
    case 'POST /api/read': {
      const { user, threadId } = (await readJson(req)) as Record<string, string>;
      session.markRead(user, threadId);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /api/send':
      return sendJson(res, 200, session.send((await readJson(req)) as OutgoingMail));
    case 'GET /api/sheet': {
      const sheet = world.spreadsheets().find((s) => s.id === q('id'));
      if (!sheet) throw new BadRequest(`No spreadsheet with id ${q('id')}.`);
      return sendJson(res, 200, sheet);
    }
    case 'POST /api/cell': {
      const { id, tab, row, col, value } = (await readJson(req)) as Record<string, never>;
      session.setCell(id, tab, row, col, String(value));
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /api/addon':
      return sendJson(res, 200, session.runAddon((await readJson(req)) as AddonCall));
    case 'POST /api/clock':
      return advanceClock(session, (await readJson(req)) as { by: string }, res);
    case 'GET /api/executions': {
      const since = Number(url.searchParams.get('since') ?? 0);
      return sendJson(
        res,
        200,
        world.executions().filter((e) => e.id > since),
      );
    }
    case 'GET /api/usage':
      return sendJson(
        res,
        200,
        world
          .people()
          .filter((p) => p.role === 'addon-user')
          .map((p) => world.usage(p.email)),
      );
  }
  if (req.method === 'GET') return serveStatic(url.pathname, res);
  throw new BadRequest(`No route ${req.method} ${url.pathname}.`);
}

/** Streams the jump as NDJSON lines, one per hour of simulated time, so the page shows progress. */
async function advanceClock(session: Session, body: { by: string }, res: ServerResponse) {
  const world = session.world;
  const target = jumpTarget(world.now(), world.nextTriggerAt(), body.by);
  const start = world.now();
  const firstExecution = world.executions().length;
  res.writeHead(200, { 'content-type': 'application/x-ndjson' });
  while (world.now() < target) {
    session.advanceStep(target - world.now());
    res.write(
      JSON.stringify({
        now: world.now(),
        progress: (world.now() - start) / (target - start),
        executions: world.executions().length - firstExecution,
      }) + '\n',
    );
    await yieldToEventLoop();
  }
  res.end(JSON.stringify({ done: true, now: world.now() }) + '\n');
}

function jumpTarget(now: number, nextTrigger: number | undefined, by: string): number {
  if (by === 'hour') return now + HOUR;
  if (by === 'day') return now + 24 * HOUR;
  if (by === 'week') return now + 7 * 24 * HOUR;
  if (by === 'next-trigger') {
    if (nextTrigger === undefined)
      throw new BadRequest('No trigger is installed: enable sending in Baton first.');
    return Math.max(nextTrigger, now + 1);
  }
  throw new BadRequest(`Unknown clock jump "${by}": use hour, day, week or next-trigger.`);
}

function serveStatic(pathname: string, res: ServerResponse) {
  const relative = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^[/\\]+/, '');
  if (relative.startsWith('..')) throw new BadRequest('Bad path.');
  const file = join(STATIC_DIR, relative);
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return sendJson(res, 404, { error: `Not found: ${pathname}` });
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new BadRequest('The request body is not JSON.');
  }
}
