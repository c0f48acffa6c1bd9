// Loads an Apps Script project from a folder: its manifest (appsscript.json) and every .js / .gs
// file, in the order Apps Script would run their top-level code (sorted by path, as clasp pushes).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ScriptFile {
  /** Path relative to the project folder, with '/' separators. */
  name: string;
  source: string;
}

/** The parts of appsscript.json the emulator reads; anything else is kept untouched. */
export interface Manifest {
  timeZone?: string;
  oauthScopes?: string[];
  /** URL prefixes UrlFetchApp may reach; when present, every other URL is refused. */
  urlFetchWhitelist?: string[];
  addOns?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Project {
  /** Identifies the project's script properties and triggers; two loads of one folder share it. */
  id: string;
  manifest: Manifest;
  files: ScriptFile[];
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function scriptFilesUnder(dir: string, prefix = ''): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.') || SKIPPED_FOLDERS.has(entry)) continue;
    const full = path.join(dir, entry);
    const relative = prefix ? `${prefix}/${entry}` : entry;
    if (statSync(full).isDirectory()) names.push(...scriptFilesUnder(full, relative));
    else if (/\.(js|gs)$/.test(entry)) names.push(relative);
  }
  return names;
}

/** Reads a project folder; fails with a clear message when it is not an Apps Script project. */
export function loadProject(dir: string, id = path.resolve(dir)): Project {
  const manifestPath = path.join(dir, 'appsscript.json');
  let manifestText: string;
  try {
    manifestText = readFileSync(manifestPath, 'utf8');
  } catch {
    throw new Error(
      `No appsscript.json in ${dir}: an Apps Script project folder holds its manifest and .js/.gs files.`,
    );
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch (error) {
    throw new Error(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  const files = scriptFilesUnder(dir)
    .sort()
    .map((name) => ({ name, source: readFileSync(path.join(dir, name), 'utf8') }));
  if (files.length === 0) throw new Error(`No .js or .gs files in ${dir}: nothing to run.`);
  return { id, manifest, files };
}

/** A project from sources held in memory (tests, tools). */
export function projectFromSources(
  id: string,
  manifest: Manifest,
  sources: Record<string, string>,
): Project {
  const files = Object.keys(sources)
    .sort()
    .map((name) => ({ name, source: sources[name] }));
  return { id, manifest, files };
}

/** Apps Script's zone for a project whose manifest names none (what a new project gets). */
export const DEFAULT_SCRIPT_TIME_ZONE = 'America/New_York';

/** The project's time zone (manifest `timeZone`); a name that is no IANA zone id is refused. */
export function scriptTimeZone(manifest: Manifest): string {
  const zone = manifest.timeZone ?? DEFAULT_SCRIPT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(
      `Invalid timeZone "${zone}" in appsscript.json: use a time-zone id such as "Europe/Paris" or "Etc/UTC".`,
    );
  }
  return zone;
}

const LOCALE_SCOPE = 'https://www.googleapis.com/auth/script.locale';

/**
 * Whether card events carry the user's locale and time zone: only when the manifest sets
 * `addOns.common.useLocaleFromApp` and lists the `script.locale` scope (Google's add-on docs).
 */
export function sendsUserLocale(manifest: Manifest): boolean {
  const common = manifest.addOns?.common as { useLocaleFromApp?: unknown } | undefined;
  return common?.useLocaleFromApp === true && (manifest.oauthScopes ?? []).includes(LOCALE_SCOPE);
}

type Section = { homepageTrigger?: { runFunction?: string } } & Record<string, unknown>;

function section(manifest: Manifest, name: string): Section | undefined {
  return manifest.addOns?.[name] as Section | undefined;
}

/** True when the manifest declares a Workspace add-on (then the add-on trigger rules apply). */
export function isAddOn(manifest: Manifest): boolean {
  return Boolean(manifest.addOns);
}

/** The homepage function for a host: the host's own homepageTrigger, else the common one. */
export function homepageFunction(manifest: Manifest, host: string): string | undefined {
  return (
    section(manifest, host)?.homepageTrigger?.runFunction ??
    section(manifest, 'common')?.homepageTrigger?.runFunction
  );
}

/** Function names the manifest lets the host call as a homepage, contextual trigger, or universal action. */
export function manifestFunctions(manifest: Manifest): {
  homepage: string[];
  contextual: string[];
  universal: string[];
} {
  const homepage = Object.keys(manifest.addOns ?? {})
    .map((host) => section(manifest, host)?.homepageTrigger?.runFunction)
    .filter((name): name is string => Boolean(name));
  const gmail = section(manifest, 'gmail') as
    { contextualTriggers?: { onTriggerFunction?: string }[] } | undefined;
  const contextual = (gmail?.contextualTriggers ?? [])
    .map((trigger) => trigger.onTriggerFunction)
    .filter((name): name is string => Boolean(name));
  const common = section(manifest, 'common') as
    { universalActions?: { runFunction?: string }[] } | undefined;
  const universal = (common?.universalActions ?? [])
    .map((action) => action.runFunction)
    .filter((name): name is string => Boolean(name));
  return { homepage, contextual, universal };
}
