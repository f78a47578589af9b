/**
 * The simulator's only source of randomness (UUIDs, MACs, replay order): a small counter-based
 * generator (sfc32) seeded from a string, so every run with the same seed is identical.
 */
export interface SeededRandom {
  /** A uint32. */
  next(): number;
  /** An integer in [0, bound). */
  below(bound: number): number;
  /** A random (version 4) UUID, as virUUIDGenerate makes. */
  uuid(): string;
  /** A MAC with libvirt's QEMU/KVM prefix 52:54:00 (virMacAddrGenerate). */
  mac(): string;
  /** The generator's state, so a simulator state can be cloned and resumed. */
  state(): readonly [number, number, number, number];
}

function hashSeed(seed: string): [number, number, number, number] {
  // cyrb128: spreads any string over four 32-bit words.
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Creates a generator from a seed string, or resumes one from a saved state. */
export function seededRandom(seed: string | readonly [number, number, number, number]): SeededRandom {
  let [a, b, c, d] = typeof seed === 'string' ? hashSeed(seed) : seed;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  const byte = () => next() & 0xff;
  return {
    next,
    below: (bound) => Math.floor((next() / 0x1_0000_0000) * bound),
    uuid() {
      const bytes = Array.from({ length: 16 }, byte);
      bytes[6] = (bytes[6]! & 0x0f) | 0x40;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const h = bytes.map((x) => hex(x, 2)).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    mac: () => `52:54:00:${hex(byte(), 2)}:${hex(byte(), 2)}:${hex(byte(), 2)}`,
    state: () => [a, b, c, d] as const,
  };
}
