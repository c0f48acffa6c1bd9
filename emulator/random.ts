// Seeded pseudo-random numbers for the emulator: the same seed gives the same world, the same
// latencies and the same injected faults, so a failing run can be replayed exactly.

/** A generator of numbers in [0, 1) (mulberry32: small, fast, good enough for simulation). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes two numbers into a new seed, so each execution gets its own independent stream. */
export function deriveSeed(seed: number, salt: number): number {
  return Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
}

const DIGITS_AND_LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn from `alphabet`: ids, tokens and boundaries shaped like Google's. */
export function randomText(random: Random, length: number, alphabet = DIGITS_AND_LOWER): string {
  let text = '';
  while (text.length < length) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}
