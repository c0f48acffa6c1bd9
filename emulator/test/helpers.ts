// Small hand-written Apps Script projects for the emulator's own tests: an add-on (manifest with
// addOns, so the add-on rules apply) and a plain script, each with one Code.js.
import { projectFromSources, type Manifest, type Project } from '../project';
import type { ExecutionResult } from '../runtime';
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

/**
 * What a card execution's function saw, logged as `console.log(JSON.stringify(x))`: card
 * executions may hand the host only cards and responses, so tests that look inside log instead.
 */
export function logged(result: ExecutionResult): unknown {
  const last = result.logs[result.logs.length - 1];
  if (!last) throw new Error(`Nothing was logged (error: ${result.error ?? 'none'}).`);
  return JSON.parse(last.message);
}

/** A one-section card, for add-on functions in tests that must return one. */
export const CARD_JS = `CardService.newCardBuilder().addSection(CardService.newCardSection()
  .addWidget(CardService.newTextParagraph().setText('ok'))).build()`;
