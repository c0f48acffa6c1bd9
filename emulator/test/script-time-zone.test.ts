// The script runs in its project's time zone (appsscript.json `timeZone`), as Apps Script runs it:
// local Date fields, Date#toString, local-time constructors and Intl's default zone follow the
// manifest, whatever zone the machine running the emulator is in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectFromSources } from '../project';
import { ALICE, twoUserWorld } from './helpers';

const DATE_PROBE = `function probe() {
  var epoch = new Date(0);
  var local = new Date(2026, 0, 15, 9, 30);
  var copy = new Date(local.getTime()); copy.setHours(23, 0, 0, 0);
  return [epoch.getHours(), epoch.getDate(), epoch.getDay(), epoch.getTimezoneOffset(),
    String(epoch), epoch.toTimeString(), local.toISOString(), copy.toISOString(),
    new Date('2026-07-01T12:00:00').toISOString(),
    Intl.DateTimeFormat().resolvedOptions().timeZone, Session.getScriptTimeZone(),
    Utilities.formatDate(epoch, Session.getScriptTimeZone(), 'yyyy-MM-dd HH:mm z')];
}`;

const inTokyo = (source: string) =>
  projectFromSources('tokyo', { timeZone: 'Asia/Tokyo' }, { 'Code.js': source });

describe('the script time zone', () => {
  it('makes Date and Intl in the script follow the manifest’s zone', () => {
    const before = process.env.TZ;
    const result = twoUserWorld().run({ project: inTokyo(DATE_PROBE), as: ALICE, fn: 'probe' });
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual([
      9,
      1,
      4,
      -540,
      'Thu Jan 01 1970 09:00:00 GMT+0900 (Japan Standard Time)',
      '09:00:00 GMT+0900 (Japan Standard Time)',
      '2026-01-15T00:30:00.000Z',
      '2026-01-15T14:00:00.000Z',
      '2026-07-01T03:00:00.000Z',
      'Asia/Tokyo',
      'Asia/Tokyo',
      '1970-01-01 09:00 JST',
    ]);
    // the host's own zone is back once the execution is over
    expect(process.env.TZ).toBe(before);
  });

  it('refuses a manifest zone that is not a time-zone id, naming it', () => {
    const project = projectFromSources(
      'bad-zone',
      { timeZone: 'Mars/Olympus' },
      {
        'Code.js': 'function f() { return 1; }',
      },
    );
    expect(twoUserWorld().run({ project, as: ALICE, fn: 'f' }).error).toMatch(
      /timeZone "Mars\/Olympus" in appsscript\.json/,
    );
  });

  it('gives identical results with the machine in three different zones', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'script-zone-'));
    writeFileSync(
      path.join(dir, 'appsscript.json'),
      JSON.stringify({ timeZone: 'America/Los_Angeles' }),
    );
    writeFileSync(path.join(dir, 'Code.js'), DATE_PROBE);
    const runs: [string, string[]][] = [
      [dir, ['--function', 'probe']],
      // Baton's own bundle, built by jest's global setup: its homepage card
      ...(existsSync('dist/appsscript.json')
        ? [['dist', ['--function', 'onHomepage', '--host', 'sheets']] as [string, string[]]]
        : []),
    ];
    for (const [project, args] of runs) {
      const outputs = ['Etc/UTC', 'Asia/Kolkata', 'America/New_York'].map((zone) => {
        const child = spawnSync(
          process.execPath,
          [
            require.resolve('tsx/cli'),
            'emulator/cli.ts',
            'run',
            '--project',
            project,
            '--as',
            'ann@acme.com',
            ...args,
          ],
          { encoding: 'utf8', env: { ...process.env, TZ: zone } },
        );
        expect(child.stderr).toBe('');
        return child.stdout;
      });
      expect(outputs[1]).toBe(outputs[0]);
      expect(outputs[2]).toBe(outputs[0]);
      if (project === dir)
        expect(JSON.parse(outputs[0])).toContain(
          'Wed Dec 31 1969 16:00:00 GMT-0800 (Pacific Standard Time)',
        );
    }
  });
});
