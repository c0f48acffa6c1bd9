// The machinery behind every emulated CardService object: a Proxy that exposes only the methods
// the emulator implements (typed against @types/google-apps-script) and refuses the rest loudly.
import type { ExecutionContext } from '../kernel';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** What a CardService object needs from its execution: Apps Script-shaped errors, the call gate. */
export type CardContext = Pick<ExecutionContext, 'error' | 'invoke'>;

/**
 * The methods of Apps Script interface T that an emulated object implements. Each name must be a
 * method of T with T's parameters, so a method Apps Script lacks cannot be emulated by mistake.
 * A method returning undefined returns the object itself, as Apps Script's builders chain.
 */
export type Methods<T> = {
  [K in keyof T]?: T[K] extends (...args: infer A) => unknown ? (...args: A) => unknown : never;
};

/** The emulator's view of one CardService object: its Apps Script class and its JSON. */
export interface Internal {
  readonly kind: string;
  /** The object's JSON in google.apps.card.v1 (or render-actions) form; validates on the way. */
  json(): JsonObject;
}

const internals = new WeakMap<object, Internal>();

/** Names hosts and tools probe on any object (promises, JSON, jest, util.inspect): not API calls. */
const PROBED_NAMES = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  'valueOf',
  'inspect',
  'length',
]);

/** Makes one emulated object of Apps Script class `kind` (e.g. 'CardSection'), with its `constants` (enums). */
export function fake<T>(
  ctx: CardContext,
  kind: string,
  methods: Methods<T>,
  json: () => JsonObject,
  constants: object = {},
): T {
  const table = methods as Record<string, ((...args: unknown[]) => unknown) | undefined>;
  const proxy: object = new Proxy(
    {},
    {
      get(_target, name) {
        if (typeof name === 'symbol') return undefined;
        if (Object.prototype.hasOwnProperty.call(constants, name))
          return (constants as Record<string, unknown>)[name];
        const method = table[name];
        if (method)
          return (...args: unknown[]) => {
            const result = method(...args);
            return result === undefined ? proxy : result;
          };
        if (name === 'toString') return () => kind;
        if (PROBED_NAMES.has(name) || !/^[A-Za-z]\w*$/.test(name)) return undefined;
        throw ctx.error(`Not implemented in the emulator: ${kind}.${name}`);
      },
    },
  );
  internals.set(proxy, { kind, json });
  return proxy as T;
}

/** The emulator's record of a CardService object, or undefined for anything else. */
export function internalOf(value: unknown): Internal | undefined {
  return typeof value === 'object' && value !== null ? internals.get(value) : undefined;
}

/**
 * Checks an argument is an emulated object of one of `kinds`; otherwise throws the message Apps
 * Script gives for an argument of the wrong type.
 */
export function expectArgument(
  ctx: CardContext,
  value: unknown,
  kinds: readonly string[],
  method: string,
): Internal {
  const found = internalOf(value);
  if (found && kinds.includes(found.kind)) return found;
  const given = found ? found.kind : value === null ? 'null' : typeof value;
  throw ctx.error(
    `The parameters (${given}) don't match the method signature for CardService.${method}.`,
  );
}

/** Drops undefined fields so the JSON carries only what the script set. */
export function compact(fields: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
