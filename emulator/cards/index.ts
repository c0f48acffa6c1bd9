// CardService for the emulator: builders that produce Google's card JSON (google.apps.card.v1) and
// add-on action responses, and the one function that turns whatever a script returned into JSON.
import type { ServiceFactory } from '../kernel';
import { makeCardService } from './builders';
import { checkAddOnResultJson } from '../fidelity/cards';
import type { CardContext, Json, JsonObject } from './fake';
import { internalOf } from './fake';

export type { Json, JsonObject } from './fake';

export const cardServices: ServiceFactory = (ctx) => ({ CardService: makeCardService(ctx) });

/** A CardService outside any world (for rendering cards in plain Node tests): no clock, no costs. */
export function standaloneCardService(): GoogleAppsScript.Card_Service.CardService {
  const ctx: CardContext = {
    error: (message) => new Error(message),
    invoke: (_service, _method, body) => body(),
  };
  return makeCardService(ctx);
}

/** What an add-on function returned, as the host would receive it. */
export type AddOnResultKind =
  | 'card'
  | 'cards'
  | 'actionResponse'
  | 'universalActionResponse'
  | 'updateDraftActionResponse'
  | 'other';

/** The kind of a script's return value: a Card, a list of Cards, an (universal) action response. */
export function addOnResultKind(result: unknown): AddOnResultKind {
  const kind = internalOf(result)?.kind;
  if (kind === 'Card') return 'card';
  if (kind === 'ActionResponse') return 'actionResponse';
  if (kind === 'UniversalActionResponse') return 'universalActionResponse';
  if (kind === 'UpdateDraftActionResponse') return 'updateDraftActionResponse';
  if (
    Array.isArray(result) &&
    result.length > 0 &&
    result.every((r) => addOnResultKind(r) === 'card')
  )
    return 'cards';
  return 'other';
}

const RETURNABLE = [
  'Card',
  'ActionResponse',
  'UniversalActionResponse',
  'UpdateDraftActionResponse',
];

/** Every card or response the emulator hands out fits card.proto and the render-actions shape. */
function checked(json: JsonObject): JsonObject {
  const problems = checkAddOnResultJson(json);
  if (problems.length)
    throw new Error(`The emulator built JSON that card.proto refuses:\n${problems.join('\n')}`);
  return json;
}

/**
 * Turns what a script returned into JSON: a Card into card JSON, a list of Cards (a contextual
 * trigger) into a list of card JSON, an ActionResponse or UniversalActionResponse into its
 * render-actions JSON, each checked against card.proto. Other values pass through JSON as they are; a builder that was never built
 * or a lone widget throws a message that says what to return instead.
 */
export function toAddOnJson(result: unknown): Json {
  const internal = internalOf(result);
  if (internal && RETURNABLE.includes(internal.kind)) return checked(internal.json());
  if (internal)
    throw new Error(
      `An add-on function returned a ${internal.kind}: return a built Card, ActionResponse or UniversalActionResponse.`,
    );
  if (Array.isArray(result)) return result.map(toAddOnJson);
  if (result === undefined) return null;
  return JSON.parse(JSON.stringify(result)) as Json;
}

/** What each kind of add-on execution may hand the host (undefined: nothing, for a background task). */
const ACCEPTED: Record<string, { kinds: AddOnResultKind[]; nothing: boolean; wanted: string }> = {
  homepage: { kinds: ['card', 'cards'], nothing: false, wanted: 'a Card or a list of Cards' },
  contextual: { kinds: ['card', 'cards'], nothing: false, wanted: 'a Card or a list of Cards' },
  universal: {
    kinds: ['card', 'cards', 'universalActionResponse'],
    nothing: true,
    wanted: 'a UniversalActionResponse (or Cards), or nothing',
  },
  action: {
    kinds: [
      'card',
      'cards',
      'actionResponse',
      'universalActionResponse',
      'updateDraftActionResponse',
    ],
    nothing: true,
    wanted: 'an ActionResponse, an UpdateDraftActionResponse or a Card, or nothing',
  },
};

/**
 * Why the host cannot show what an add-on function returned, or undefined when it can. The
 * wording is the emulator's: Apps Script's own message for this was not found in its reference.
 */
export function addOnReturnRefusal(kind: string, fn: string, value: unknown): string | undefined {
  const accepted = ACCEPTED[kind];
  if (!accepted) return undefined;
  if (value === undefined && accepted.nothing) return undefined;
  const found = addOnResultKind(value);
  if (accepted.kinds.includes(found)) return undefined;
  const internal = internalOf(value);
  const what =
    value === undefined
      ? 'nothing'
      : internal
        ? `a ${internal.kind}${internal.kind.endsWith('Builder') ? ' (call build() first)' : ''}`
        : value === null
          ? 'null'
          : typeof value === 'object'
            ? `an ${Array.isArray(value) ? 'array' : 'object'} that is not a CardService response`
            : `a ${typeof value}`;
  return `${fn} returned ${what}: a${kind === 'action' ? 'n' : ''} ${kind} function must return ${accepted.wanted}.`;
}
