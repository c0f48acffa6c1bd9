// The classify command: one JSON line per file, an error line and exit code 1 for a missing file,
// and the npm script wired to it.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from './classify';

const corpus = (name: string): string => join(__dirname, '..', 'test', 'corpus', name);

describe('classify command', () => {
  it('prints one JSON object per file with file, category, reason and rule', () => {
    const lines: string[] = [];
    const code = main([corpus('opt-out-nl.eml'), corpus('ooo-gmail-vacation-en.eml')], (line) =>
      lines.push(line),
    );
    expect(code).toBe(0);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        file: corpus('opt-out-nl.eml'),
        category: 'opt_out',
        rule: 'opt_out.nl.afmelden',
      }),
      expect.objectContaining({
        category: 'auto_reply',
        returnDate: '2027-01-18',
        reason: expect.any(String),
      }),
    ]);
  });

  it('reports a file that does not exist in its line, goes on, and exits with 1', () => {
    const lines: string[] = [];
    const code = main(['/no/such/file.eml', corpus('opt-out-nl.eml')], (line) => lines.push(line));
    expect(code).toBe(1);
    expect(JSON.parse(lines[0])).toEqual({
      file: '/no/such/file.eml',
      error: 'ENOENT: cannot read /no/such/file.eml; pass the path of a raw .eml message',
    });
    expect(JSON.parse(lines[1]).category).toBe('opt_out');
  });

  it('explains its usage when given no file', () => {
    const lines: string[] = [];
    expect(main([], (line) => lines.push(line))).toBe(2);
    expect(JSON.parse(lines[0]).error).toMatch(/^usage:/);
  });

  it('runs as `npm run --silent classify`', () => {
    const out = execFileSync(
      'npm',
      ['run', '--silent', 'classify', '--', corpus('bounce-gmail-nosuchuser.eml')],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out.trim())).toMatchObject({
      category: 'bounce_hard',
      rule: 'bounce_hard.permanent',
    });
    const failing = spawnSync('npm', ['run', '--silent', 'classify', '--', 'missing.eml'], {
      encoding: 'utf8',
    });
    expect(failing.status).toBe(1);
    expect(JSON.parse(failing.stdout.trim()).error).toMatch(/^ENOENT/);
  });
});
