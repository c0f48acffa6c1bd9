// Errors as a script meets them: stacks that show only the script's own frames, Apps Script
// services and manifest libraries the emulator lacks named as such (never a bare ReferenceError),
// and add-on functions that return something the host cannot show refused.
import { projectFromSources, type Manifest } from '../project';
import { addOn, ALICE, plainScript, twoUserWorld } from './helpers';

const HOST_FRAME = /\.ts:|node:|node_modules|emulator:|\/emulator\//;

describe('error stacks', () => {
  it('show the script’s frames and none of the emulator’s, for the script’s own errors', () => {
    const result = twoUserWorld().run({
      project: plainScript(`function inner() { throw new Error('boom'); }
        function f() { try { inner(); } catch (e) { return e.stack; } }`),
      as: ALICE,
      fn: 'f',
    });
    const stack = String(result.value);
    expect(stack).toMatch(/^Error: boom\n/);
    expect(stack).toMatch(/at inner \(Code\.js:1:/);
    expect(stack).toMatch(/at f \(Code\.js:2:/);
    expect(stack).not.toMatch(HOST_FRAME);
  });

  it('show none of the emulator’s frames for a service’s error, even an unexpected one', () => {
    const result = twoUserWorld().run({
      project: plainScript(`function f() {
        var out = [];
        try { SpreadsheetApp.openById('no-such-sheet'); } catch (e) { out.push(e.stack); }
        try { GmailApp.search(null); } catch (e) { out.push(e instanceof Error, e.stack); }
        return out; }`),
      as: ALICE,
      fn: 'f',
    });
    const [permission, isScriptError, internal] = result.value as [string, boolean, string];
    expect(permission).toMatch(/You do not have permission/);
    expect(permission).toMatch(/at f \(Code\.js:3:/);
    expect(permission).not.toMatch(HOST_FRAME);
    expect(isScriptError).toBe(true);
    expect(internal).toMatch(/at f \(Code\.js:4:/);
    expect(internal).not.toMatch(HOST_FRAME);
  });
});

describe('what the emulator lacks', () => {
  it('names an Apps Script service it does not implement instead of a ReferenceError', () => {
    const run = (body: string) =>
      twoUserWorld().run({ project: plainScript(`function f() { ${body} }`), as: ALICE, fn: 'f' });
    expect(run(`return DocumentApp.openById('x');`).error).toBe(
      'DocumentApp is not implemented by the offline Workspace (the emulator): DocumentApp.openById cannot run here.',
    );
    expect(run(`return DriveApp.getFiles();`).error).toMatch(/^DriveApp is not implemented/);
    expect(run(`return typeof HtmlService;`).value).toBe('object');
    // a name that is no Apps Script service stays JavaScript's ReferenceError
    expect(run(`return NoSuchThing.x;`).error).toBe('NoSuchThing is not defined');
  });

  it('reports manifest libraries and advanced services it cannot load, and names them when used', () => {
    const manifest: Manifest = {
      timeZone: 'Etc/UTC',
      dependencies: {
        libraries: [{ userSymbol: 'OAuth2', libraryId: '1B7FSrk57', version: '43' }],
        enabledAdvancedServices: [{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }],
      },
    };
    const project = projectFromSources('with-library', manifest, {
      'Code.js': `function f() { return OAuth2.createService('x'); }
        function g() { return Drive.Files.list(); }
        function h() { return 1; }`,
    });
    const world = twoUserWorld();
    const library = world.run({ project, as: ALICE, fn: 'f' });
    expect(library.error).toBe(
      'The library OAuth2 (1B7FSrk57, version 43) is not loaded by the offline Workspace (the emulator): OAuth2.createService cannot run here.',
    );
    expect(world.run({ project, as: ALICE, fn: 'g' }).error).toBe(
      'The advanced service Drive (drive v3) is not implemented by the offline Workspace (the emulator): Drive.Files cannot run here.',
    );
    const quiet = world.run({ project, as: ALICE, fn: 'h' });
    expect(quiet.value).toBe(1);
    expect(quiet.notices).toEqual([
      'appsscript.json: the library OAuth2 (1B7FSrk57, version 43) is not loaded by the offline Workspace; calls to OAuth2 fail.',
      'appsscript.json: the advanced service Drive (drive v3) is not implemented by the offline Workspace; calls to Drive fail.',
    ]);
  });
});

describe('what an add-on function returns', () => {
  const card = `CardService.newCardBuilder().addSection(CardService.newCardSection()
    .addWidget(CardService.newTextParagraph().setText('hi'))).build()`;
  const project = addOn(`function home() { return 'hello'; }
    function sheetsHome() { return ${card}; }
    function act() { return { text: 'done' }; }
    function quiet() { }
    function notify() { return CardService.newActionResponseBuilder()
      .setNotification(CardService.newNotification().setText('ok')).build(); }
    function help() { return [${card}]; }`);

  it('refuses a homepage or action that returns something the host cannot show', () => {
    const world = twoUserWorld();
    const home = world.run({ project, as: ALICE, fn: 'home', kind: 'homepage' });
    expect(home.error).toMatch(/^home returned a string: a homepage function must return a Card/);
    expect(home.value).toBeUndefined();
    expect(world.run({ project, as: ALICE, fn: 'act', kind: 'action' }).error).toMatch(
      /^act returned an object that is not a CardService response: an action function must return/,
    );
    expect(
      world.run({ project, as: ALICE, fn: 'sheetsHome', kind: 'homepage', host: { app: 'sheets' } })
        .error,
    ).toBeUndefined();
    expect(world.run({ project, as: ALICE, fn: 'notify', kind: 'action' }).error).toBeUndefined();
    expect(world.run({ project, as: ALICE, fn: 'help', kind: 'universal' }).error).toBeUndefined();
    // an action may do its work and return nothing; a direct run returns what it likes
    expect(world.run({ project, as: ALICE, fn: 'quiet', kind: 'action' }).error).toBeUndefined();
    expect(world.run({ project, as: ALICE, fn: 'home' }).value).toBe('hello');
  });
});
