// appsscript.json: its add-on sections fit Google's manifest protos, and the check can fail.
import { readFileSync } from 'node:fs';
import { checkAddOnManifest, functionsNamedIn } from '../emulator/fidelity/manifest';

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));

describe('appsscript.json', () => {
  it('fits the add-on manifest protos of google-proto-files', () => {
    expect(checkAddOnManifest(manifest)).toEqual([]);
  });

  it('is a Gmail and Sheets add-on on V8 with the Gmail advanced service', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(Object.keys(manifest.addOns).sort()).toEqual(['common', 'gmail', 'sheets']);
    expect(
      manifest.dependencies.enabledAdvancedServices.map((s: { serviceId: string }) => s.serviceId),
    ).toEqual(['gmail']);
  });

  it('names the entry points the add-on implements', () => {
    expect(functionsNamedIn(manifest)).toEqual([
      'onGmailMessage',
      'onHomepage',
      'onSheetsHomepage',
      'onUniversalHelp',
      'onUniversalHome',
      'onUniversalSettings',
    ]);
  });

  describe('the check', () => {
    const broken = (edit: (m: typeof manifest) => void) => {
      const copy = JSON.parse(JSON.stringify(manifest));
      edit(copy);
      return checkAddOnManifest(copy);
    };
    it('fails on an unknown field', () => {
      expect(broken((m) => (m.addOns.common.homePageTrigger = {}))).toEqual([
        'addOns.common.homePageTrigger: unknown field of .google.apps.script.type.CommonAddOnManifest',
      ]);
    });
    it('fails on a value of the wrong type', () => {
      expect(broken((m) => (m.addOns.common.homepageTrigger.enabled = 'yes'))).toEqual([
        'addOns.common.homepageTrigger.enabled: expected a boolean, got string',
      ]);
      expect(broken((m) => (m.addOns.gmail.contextualTriggers = {}))).toEqual([
        'addOns.gmail.contextualTriggers: expected a list, got object',
      ]);
    });
    it('fails on a host Google does not know', () => {
      expect(broken((m) => (m.addOns.forms = {}))).toEqual([
        'addOns.forms: not an add-on host Google knows',
      ]);
    });
  });
});
