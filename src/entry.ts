// The add-on's global functions: the names that appsscript.json, card actions and triggers call.
// Each is one line: build the Apps Script ports, hand the event to the card dispatcher or the
// tick. rollup turns every export here into a top-level function of dist/Code.js.
import { gasPorts } from './adapters/gas/ports';
import { runDelegationOutbox } from './app/delegation/outbox';
import { runTick } from './app/tick';
import * as cards from './ui/handlers';

export const onHomepage = (e: unknown) => cards.handleHomepage(e, gasPorts());
export const onSheetsHomepage = (e: unknown) => cards.handleSheetsHomepage(e, gasPorts());
export const onGmailMessage = (e: unknown) => cards.handleGmailMessage(e, gasPorts());
export const onUniversalHome = (e: unknown) => cards.handleUniversal('home', e, gasPorts());
export const onUniversalSettings = (e: unknown) => cards.handleUniversal('settings', e, gasPorts());
export const onUniversalHelp = (e: unknown) => cards.handleUniversal('help', e, gasPorts());
export const onCardAction = (e: unknown) => cards.handleCardAction(e, gasPorts());
export const onTick = (_e: unknown) => runTick(gasPorts());
export const onDelegationOutbox = (_e: unknown) => runDelegationOutbox(gasPorts());
