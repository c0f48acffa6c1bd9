// Makes every emulated Apps Script object honest about its gaps: reading a method the emulator has
// not built gives a function that throws `Not implemented in the emulator: <Type>.<method>`,
// instead of undefined (which would fail later, somewhere confusing).
import type { ExecutionContext } from '../kernel';

/** Properties that JavaScript itself probes (printing, awaiting, spreading): never "missing methods". */
const PROBED = new Set(['then', 'toJSON', 'constructor', 'inspect', 'nodeType', 'asymmetricMatch']);

export function guarded<T extends object>(ctx: ExecutionContext, typeName: string, target: T): T {
  return new Proxy(target, {
    get(object, name, receiver) {
      if (typeof name === 'symbol' || name in object || PROBED.has(name))
        return Reflect.get(object, name, receiver);
      return () => {
        throw ctx.error(`Not implemented in the emulator: ${typeName}.${name}`);
      };
    },
  });
}

/**
 * Method names of a real Apps Script type that a fake provides: declaring a fake as
 * `implements Methods<GoogleAppsScript.X, 'a' | 'b'>` makes a method that real Apps Script lacks
 * fail to compile.
 */
export type Methods<T, K extends keyof T> = { [P in K]: (...args: never[]) => unknown };

/**
 * For object literals: `{...} satisfies Members<GoogleAppsScript.X>` fails to compile when the
 * fake has a member the real type lacks (excess-property check), without listing them twice.
 */
export type Members<T> = { [P in keyof T]?: unknown };

/**
 * For classes: `export type F = RealMembersOnly<FakeX, GoogleAppsScript.X>` compiles only when
 * every public member of the fake exists on the real type; otherwise the error names the extras.
 */
export type RealMembersOnly<Fake, Real> = [Exclude<keyof Fake, keyof Real>] extends [never]
  ? true
  : { membersMissingFromAppsScript: Exclude<keyof Fake, keyof Real> };
export type Assert<T extends true> = T;
