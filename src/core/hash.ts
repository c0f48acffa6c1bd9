// Short, stable, non-cryptographic fingerprints: candidate keys in the compact store and the
// fingerprint of a sequence's content. Two 32-bit FNV-1a passes with different seeds.

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A 52-bit hash as base36 (at most 11 characters): collisions among 5,000 keys are ~1 in 10^9. */
export function shortHash(text: string): string {
  const high = fnv1a(text, 0x811c9dc5) & 0xfffff; // 20 bits
  const low = fnv1a(text, 0x9747b28c); // 32 bits
  return (high * 0x100000000 + low).toString(36);
}
