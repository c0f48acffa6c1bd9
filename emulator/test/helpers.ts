// Small hand-written Apps Script projects for the emulator's own tests: an add-on (manifest with
// addOns, so the add-on rules apply) and a plain script, each with one Code.js.
import { projectFromSources, type Manifest, type Project } from '../project';
import { World } from '../world';

export const ADD_ON_MANIFEST: Manifest = {
  timeZone: 'Europe/Paris',
  oauthScopes: ['https://www.googleapis.com/auth/script.scriptapp'],
  addOns: {
    common: {
      name: 'Test add-on',
      homepageTrigger: { runFunction: 'home' },
      universalActions: [{ label: 'Help', runFunction: 'help' }],
    },
    gmail: { contextualTriggers: [{ unconditional: {}, onTriggerFunction: 'onMessage' }] },
    sheets: { homepageTrigger: { runFunction: 'sheetsHome' } },
  },
};

let counter = 0;

export function addOn(source: string, manifest: Manifest = ADD_ON_MANIFEST): Project {
  counter += 1;
  return projectFromSources(`add-on-${counter}`, manifest, { 'Code.js': source });
}

export function plainScript(source: string): Project {
  counter += 1;
  return projectFromSources(`script-${counter}`, { timeZone: 'Etc/UTC' }, { 'Code.js': source });
}

export const ALICE = 'alice@acme.com';
export const BOB = 'bob@acme.com';

/** A world with two Workspace users. */
export function twoUserWorld(seed = 1): World {
  const world = new World({ seed, start: '2026-03-02T08:00:00Z' });
  world.addUser({ email: ALICE, name: 'Alice' });
  world.addUser({ email: BOB, name: 'Bob' });
  return world;
}
