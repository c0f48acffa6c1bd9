// Loading any Apps Script project folder: the manifest and every .js/.gs file in name order, whose
// top-level code runs in that order in every execution; clear errors for folders that are not one.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProject } from '../project';
import { World } from '../world';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emulator-project-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('loadProject', () => {
  it('reads .js and .gs files, sub-folders included, in name order, and runs their top-level code in that order', () => {
    const dir = folder({
      'appsscript.json': '{"timeZone": "Etc/UTC"}',
      'b.gs': 'var order = (typeof order === "undefined" ? [] : order).concat("b");',
      'a.js': 'var order = (typeof order === "undefined" ? [] : order).concat("a");',
      'lib/c.js': 'var order = order.concat("lib/c"); function show() { return order; }',
      'README.md': 'not code',
      'node_modules/x/index.js': 'throw new Error("never loaded");',
    });
    const project = loadProject(dir);
    expect(project.files.map((f) => f.name)).toEqual(['a.js', 'b.gs', 'lib/c.js']);
    const world = new World();
    world.addUser({ email: 'a@b.c' });
    expect(world.run({ project, as: 'a@b.c', fn: 'show' }).value).toEqual(['a', 'b', 'lib/c']);
  });

  it('says what is wrong with a folder that is not an Apps Script project', () => {
    expect(() => loadProject(folder({ 'a.js': '' }))).toThrow(/No appsscript.json in .*manifest/);
    expect(() => loadProject(folder({ 'appsscript.json': '{ nope', 'a.js': '' }))).toThrow(
      /appsscript.json is not valid JSON/,
    );
    expect(() => loadProject(folder({ 'appsscript.json': '{}' }))).toThrow(
      /No .js or .gs files in .*: nothing to run/,
    );
  });

  it('reports a syntax error in a file as the execution’s error, not a crash', () => {
    const project = loadProject(
      folder({ 'appsscript.json': '{}', 'a.js': 'function ok() { return 1; }\nfunction (' }),
    );
    const world = new World();
    world.addUser({ email: 'a@b.c' });
    expect(world.run({ project, as: 'a@b.c', fn: 'ok' }).error).toBe(
      'SyntaxError: Function statements require a function name (line 2, file "a.js")',
    );
  });
});
