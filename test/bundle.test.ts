// dist/ is what clasp pushes: exactly Code.js and appsscript.json, and every function Apps Script
// will call by name is a top-level function of Code.js (and nothing else is).
import { readdirSync, readFileSync } from 'node:fs';
import gas from 'gas-local';
import { functionsNamedIn } from '../emulator/fidelity/manifest';

const manifest = JSON.parse(readFileSync('dist/appsscript.json', 'utf8'));
/** Functions called by name but not from the manifest: the card dispatcher and the hourly tick. */
const CALLED_BY_NAME = ['onCardAction', 'onTick', 'onDelegationOutbox'];

function loadBundle(): Record<string, unknown> {
  // A new globals object each time: gas-local's default mock is shared between loads.
  return gas.require('dist', { console }, { filter: (f: string) => f.endsWith('/Code.js') });
}

describe('dist/', () => {
  it('holds exactly the two files clasp pushes', () => {
    expect(readdirSync('dist').sort()).toEqual(['Code.js', 'appsscript.json']);
  });

  it('carries the manifest unchanged', () => {
    expect(manifest).toEqual(JSON.parse(readFileSync('appsscript.json', 'utf8')));
  });

  describe('Code.js loaded into a fresh context', () => {
    const context = loadBundle();
    const globalFunctions = Object.keys(context).filter((k) => typeof context[k] === 'function');

    it.each([...functionsNamedIn(manifest), ...CALLED_BY_NAME])(
      'defines %s as a function',
      (name) => {
        expect(typeof context[name]).toBe('function');
      },
    );

    it('makes no other globals than those and the bundle itself', () => {
      expect(globalFunctions.sort()).toEqual(
        [...functionsNamedIn(manifest), ...CALLED_BY_NAME].sort(),
      );
      expect(Object.keys(context).sort()).toEqual(['Baton', 'console', ...globalFunctions].sort());
    });

    it('loads twice into one context without error (no top-level const or let)', () => {
      const code = readFileSync('dist/Code.js', 'utf8');
      expect(code).not.toMatch(/^(const|let|class) /m);
    });
  });
});
