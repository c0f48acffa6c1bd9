// What the offline Workspace does not have, said plainly: Apps Script's built-in services it does not
// implement, the manifest's libraries and advanced services it cannot load. Each is a global that
// throws "<X> is not implemented by the offline Workspace" on first use (Apps Script defines them,
// so a bare ReferenceError would mislead), and the manifest's gaps are reported as notices.
import type { Manifest } from '../project';
import type { Execution } from '../runtime';

/** Apps Script's built-in services (and globals) that the emulator does not implement. */
const ABSENT_BUILT_INS = [
  'Browser',
  'CalendarApp',
  'ConferenceDataService',
  'ContactsApp',
  'ContentService',
  'DataStudioApp',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GroupsApp',
  'HtmlService',
  'Jdbc',
  'LanguageApp',
  'LookerStudioApp',
  'Maps',
  'MimeType',
  'SitesApp',
  'SlidesApp',
  'XmlService',
];

/** Advanced services the emulator implements, by serviceId. */
const IMPLEMENTED_ADVANCED = new Set(['gmail']);

/** Properties JavaScript itself probes on any value (printing, awaiting): never "a use". */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch']);

interface Absent {
  symbol: string;
  /** How the error and the notice name it: "DocumentApp", "The library OAuth2 (id, version 4)". */
  what: string;
  verb: 'implemented' | 'loaded';
}

function manifestGaps(manifest: Manifest): Absent[] {
  const dependencies = (manifest.dependencies ?? {}) as {
    libraries?: { userSymbol?: string; libraryId?: string; version?: string }[];
    enabledAdvancedServices?: { userSymbol?: string; serviceId?: string; version?: string }[];
  };
  const libraries = (dependencies.libraries ?? [])
    .filter((l) => l.userSymbol)
    .map((l) => ({
      symbol: l.userSymbol!,
      what: `the library ${l.userSymbol} (${l.libraryId ?? 'no libraryId'}, version ${l.version ?? '?'})`,
      verb: 'loaded' as const,
    }));
  const advanced = (dependencies.enabledAdvancedServices ?? [])
    .filter((s) => s.userSymbol && !IMPLEMENTED_ADVANCED.has(String(s.serviceId)))
    .map((s) => ({
      symbol: s.userSymbol!,
      what: `the advanced service ${s.userSymbol} (${s.serviceId ?? '?'} ${s.version ?? ''})`.replace(
        ' )',
        ')',
      ),
      verb: 'implemented' as const,
    }));
  return [...libraries, ...advanced];
}

/** One line per manifest dependency the emulator cannot provide (shown with every result). */
export function manifestNotices(manifest: Manifest): string[] {
  return manifestGaps(manifest).map(
    ({ symbol, what, verb }) =>
      `appsscript.json: ${what} is not ${verb} by the offline Workspace; calls to ${symbol} fail.`,
  );
}

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

/** The globals standing for what is absent; the services the emulator has are installed after. */
export function absentServices(exec: Execution): Record<string, unknown> {
  const absent: Absent[] = [
    ...ABSENT_BUILT_INS.map((symbol) => ({ symbol, what: symbol, verb: 'implemented' as const })),
    ...manifestGaps(exec.project.manifest),
  ];
  return Object.fromEntries(
    absent.map(({ symbol, what, verb }) => [
      symbol,
      new Proxy(
        {},
        {
          get(_target, name) {
            if (typeof name === 'symbol' || PROBED.has(name)) return undefined;
            throw exec.error(
              `${capitalized(what)} is not ${verb} by the offline Workspace (the emulator): ${symbol}.${name} cannot run here.`,
            );
          },
        },
      ),
    ]),
  );
}
