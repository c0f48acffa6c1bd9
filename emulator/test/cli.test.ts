// The emulator's command on the hand-written sample add-on: it prints valid card JSON for the
// homepage, an action response's JSON, and {"error": ...} with exit code 1.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../cli';
import { checkAddOnResultJson, checkCardJson } from '../fidelity/cards';
import { checkAddOnManifest } from '../fidelity/manifest';
import { loadProject } from '../project';

const SAMPLE = 'emulator/sample-addon';
const run = (...args: string[]) =>
  runCommand(['run', '--project', SAMPLE, '--as', 'ann@acme.com', ...args]);

describe('the sample add-on', () => {
  it('has a manifest that fits Google’s add-on protos', () => {
    expect(checkAddOnManifest(loadProject(SAMPLE).manifest)).toEqual([]);
  });

  it('is loaded with its .gs and .js files in name order', () => {
    expect(loadProject(SAMPLE).files.map((f) => f.name)).toEqual(['Cards.js', 'Code.gs']);
  });
});

describe('npm run emulator -- run', () => {
  it('prints the homepage card as card JSON that card.proto accepts', () => {
    // the real command, through npm and tsx, as a user would type it
    const stdout = execFileSync(
      'npm',
      [
        'run',
        '--silent',
        'emulator',
        '--',
        'run',
        '--project',
        SAMPLE,
        '--as',
        'ann@acme.com',
        '--function',
        'onHomepage',
      ],
      { encoding: 'utf8' },
    );
    const card = JSON.parse(stdout);
    expect(checkCardJson(card)).toEqual([]);
    expect(card.header.title).toBe('Visit counter');
    expect(JSON.stringify(card)).toContain('ann@acme.com');
  });

  it('prints a contextual trigger’s cards and an action response as JSON', () => {
    const contextual = run('--function', 'onGmailMessage');
    expect(contextual.code).toBe(0);
    const cards = JSON.parse(contextual.stdout);
    expect(cards).toHaveLength(1);
    expect(checkCardJson(cards[0])).toEqual([]);

    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-cli-'));
    const eventFile = path.join(dir, 'event.json');
    writeFileSync(
      eventFile,
      JSON.stringify({
        commonEventObject: { formInputs: { note: { stringInputs: { value: ['hello'] } } } },
      }),
    );
    const action = run('--function', 'onSave', '--event', eventFile);
    expect(action.code).toBe(0);
    const response = JSON.parse(action.stdout);
    expect(checkAddOnResultJson(response)).toEqual([]);
    expect(JSON.stringify(response)).toContain('Saved.');
  });

  it('runs the Sheets homepage with an active spreadsheet', () => {
    const result = run('--function', 'onSheetsHomepage');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).header.subtitle).toBe('Sheet of ann@acme.com');
  });

  it('prints {"error": ...} and exits 1 when the script fails or the command is wrong', () => {
    expect(run('--function', 'missing')).toMatchObject({
      code: 1,
      stdout: '{"error":"Script function not found: missing"}\n',
    });
    const wrong = runCommand(['run', '--project', SAMPLE]);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).error).toBe('--as is required.');
    expect(wrong.stderr).toMatch(/^Usage:/);
    const process = spawnSync(
      'npx',
      [
        'tsx',
        'emulator/cli.ts',
        'run',
        '--project',
        '/nonexistent',
        '--as',
        'a@b.c',
        '--function',
        'f',
      ],
      { encoding: 'utf8' },
    );
    expect(process.status).toBe(1);
    expect(JSON.parse(process.stdout).error).toMatch(/No appsscript.json in \/nonexistent/);
  });

  it('says how to use it with --help', () => {
    for (const args of [['--help'], ['run', '--help'], []]) {
      const help = runCommand(args);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: .*--project <dir>/);
      expect(help.stdout).toContain('--world <world.json>');
    }
  });

  it('opens a message that exists for a contextual trigger run without an event', () => {
    const result = run('--function', 'onGmailMessage');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('message: The open message');
  });

  it('seeds the world from --world, honours the event’s gmail block and saves the world', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-world-'));
    const worldFile = path.join(dir, 'world.json');
    const saved = path.join(dir, 'saved.json');
    writeFileSync(
      worldFile,
      JSON.stringify({
        users: [{ email: 'ann@acme.com', name: 'Ann', timeZone: 'Asia/Tokyo' }],
        spreadsheets: [{ owner: 'ann@acme.com', name: 'Leads', tabs: { People: [['Email']] } }],
        properties: { user: { 'ann@acme.com': { visits: '41' } } },
        mail: [{ from: 'cand@mail.test', to: 'ann@acme.com', subject: 'Hello Ann', text: 'Hi!' }],
      }),
    );
    const home = run('--function', 'onHomepage', '--world', worldFile, '--save-world', saved);
    expect(home.code).toBe(0);
    expect(home.stdout).toContain('42');
    expect(home.stdout).toContain('Asia/Tokyo');
    const world = JSON.parse(readFileSync(saved, 'utf8'));
    expect(world.properties.user['ann@acme.com']).toEqual({ visits: '42' });
    expect(world.spreadsheets[0]).toMatchObject({ name: 'Leads', tabs: { People: [['Email']] } });
    const hello = world.mailboxes['ann@acme.com'].find(
      (m: { subject: string }) => m.subject === 'Hello Ann',
    );
    expect(hello.labels).toContain('INBOX');

    const eventFile = path.join(dir, 'event.json');
    writeFileSync(
      eventFile,
      JSON.stringify({
        hostApp: 'gmail',
        gmail: { messageId: hello.id, threadId: hello.threadId, accessToken: 'tok' },
      }),
    );
    const contextual = run(
      '--function',
      'onGmailMessage',
      '--world',
      worldFile,
      '--event',
      eventFile,
    );
    expect(contextual.code).toBe(0);
    expect(contextual.stdout).toContain('message: Hello Ann');
  });

  it('builds the event from --input and --param, and refuses them beside --event', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-input-'));
    const saved = path.join(dir, 'saved.json');
    const action = run('--function', 'onSave', '--input', 'note=hi', '--save-world', saved);
    expect(action.code).toBe(0);
    expect(action.stdout).toContain('Saved.');
    expect(JSON.parse(readFileSync(saved, 'utf8')).properties.user['ann@acme.com']).toEqual({
      note: 'hi',
    });
    const eventFile = path.join(dir, 'event.json');
    writeFileSync(eventFile, '{}');
    expect(
      JSON.parse(run('--function', 'onSave', '--event', eventFile, '--param', 'a=b').stdout).error,
    ).toMatch(/--input and --param build the event/);
  });
});
