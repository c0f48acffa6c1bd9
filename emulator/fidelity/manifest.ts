// Checks an appsscript.json's add-on sections against the add-on manifest protos that
// google-proto-files ships (google.apps.script.type.*).
import { checkJsonAgainst, loadProtos } from './proto-json';

const SECTIONS: Record<string, { file: string; type: string }> = {
  common: {
    file: 'google/apps/script/type/script_manifest.proto',
    type: 'google.apps.script.type.CommonAddOnManifest',
  },
  gmail: {
    file: 'google/apps/script/type/gmail/gmail_addon_manifest.proto',
    type: 'google.apps.script.type.gmail.GmailAddOnManifest',
  },
  sheets: {
    file: 'google/apps/script/type/sheets/sheets_addon_manifest.proto',
    type: 'google.apps.script.type.sheets.SheetsAddOnManifest',
  },
  docs: {
    file: 'google/apps/script/type/docs/docs_addon_manifest.proto',
    type: 'google.apps.script.type.docs.DocsAddOnManifest',
  },
  slides: {
    file: 'google/apps/script/type/slides/slides_addon_manifest.proto',
    type: 'google.apps.script.type.slides.SlidesAddOnManifest',
  },
  drive: {
    file: 'google/apps/script/type/drive/drive_addon_manifest.proto',
    type: 'google.apps.script.type.drive.DriveAddOnManifest',
  },
  calendar: {
    file: 'google/apps/script/type/calendar/calendar_addon_manifest.proto',
    type: 'google.apps.script.type.calendar.CalendarAddOnManifest',
  },
};

/**
 * Problems with `urlFetchWhitelist` (Apps Script's allowlist page): a list of https URL prefixes,
 * each with a full domain (a leading `*.` allowed) and a non-empty path.
 */
export function checkUrlFetchWhitelist(list: unknown): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return ['urlFetchWhitelist: expected a list of URL prefixes'];
  return list.flatMap((prefix: unknown, i) =>
    typeof prefix === 'string' &&
    /^https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\/\S*$/i.test(prefix)
      ? []
      : [
          `urlFetchWhitelist[${i}]: ${JSON.stringify(prefix)} is not an https:// prefix with a full domain and a path (https://host/...)`,
        ],
  );
}

/** Problems with manifest.addOns (and urlFetchWhitelist), one message each; empty when it all fits. */
export function checkAddOnManifest(manifest: {
  addOns?: Record<string, unknown>;
  urlFetchWhitelist?: unknown;
}): string[] {
  if (!manifest.addOns) return ['addOns: missing (a Workspace add-on needs it)'];
  const problems: string[] = checkUrlFetchWhitelist(manifest.urlFetchWhitelist);
  if (!manifest.addOns.common) problems.push('addOns.common: missing');
  for (const [section, value] of Object.entries(manifest.addOns)) {
    const spec = SECTIONS[section];
    if (!spec) {
      problems.push(`addOns.${section}: not an add-on host Google knows`);
      continue;
    }
    const type = loadProtos([spec.file]).lookupType(spec.type);
    problems.push(...checkJsonAgainst(type, value, `addOns.${section}`));
  }
  return problems;
}

/** Every function name the manifest says Apps Script will call. */
export function functionsNamedIn(manifest: { addOns?: Record<string, unknown> }): string[] {
  const names = new Set<string>();
  const visit = (value: unknown, key = ''): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v, key));
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, k);
    else if (
      typeof value === 'string' &&
      /^(runFunction|onTriggerFunction|authorizationCheckFunction)$/.test(key)
    )
      names.add(value);
  };
  visit(manifest.addOns);
  return [...names].sort();
}
