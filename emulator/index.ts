// The emulator's public API: an offline Google Workspace that runs any Apps Script project (Baton's
// built bundle included) as Apps Script would. See docs/emulator.md.
export { World, AUTHORIZATION_REQUIRED } from './world';
export type { WorldOptions, NewUser, RunOptions } from './world';
export {
  loadProject,
  projectFromSources,
  homepageFunction,
  manifestFunctions,
  isAddOn,
} from './project';
export type { Project, Manifest, ScriptFile } from './project';
export { Execution, TIME_LIMITS_MS, TIME_LIMIT_MESSAGE, formatLogArguments } from './runtime';
export type { RunRequest, ExecutionResult, LogEntry, Realm } from './runtime';
export { buildCardEvent, buildTimeEvent, isCardKind } from './events';
export type { CardEventOptions, FormInputValue, PickerInput } from './events';
export { CostModel, COST_TABLE } from './cost';
export type { LatencyRange } from './cost';
export { QuotaBook, DAILY_LIMITS, QUOTA_MESSAGES } from './quota';
export { KILL_MESSAGE, TRANSIENT_MESSAGE } from './faults';
export type { FaultPlan, TransientFault, OverlapFault } from './faults';
export { seededRandom } from './random';
export { guarded } from './services/guard';
export type { Methods } from './services/guard';
export { FakeBlob, formatDate, signedBytes, toBuffer } from './services/utilities';
export { VALUE_TOO_LARGE, STORE_FULL } from './services/properties';
export { LOCK_TIMEOUT } from './services/lock';
export { ADD_ON_RECURRENCE, TOO_MANY_TRIGGERS, TRIGGERS_PER_USER } from './services/script-app';
export type { TriggerRecord } from './services/script-app';
export { NO_PERMISSION, columnLetters, parseA1 } from './services/spreadsheet';
export type { CellValue, NewSpreadsheet, SpreadsheetRecord } from './services/spreadsheet';
export type * from './kernel';
export { accessTokensOf, webOf, TOKEN_LIFETIME_MS } from './web';
export type { AccessToken, HttpRequest, HttpResponse, WebServer, WebCall } from './web';
export { EXTERNAL_REQUEST_SCOPE, URL_FETCH_ERRORS, allowedByPrefix } from './services/url-fetch';
export { BATCH_PATH, GMAIL_HTTP_FAILURES, GMAIL_ORIGINS, MAX_BATCH_CALLS } from './gmail/rest';
export { GMAIL_QUOTA_UNITS, USER_UNITS_PER_MINUTE, gmailRateWindowOf } from './gmail/rate-limit';
