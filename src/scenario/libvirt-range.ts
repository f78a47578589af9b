import { parseLibvirtVersion } from '../model/libvirt-profile.js';

type Operator = '>=' | '<=' | '>' | '<' | '=';

interface Comparator {
  readonly operator: Operator;
  readonly version: readonly [number, number, number];
  /** How many components were written: `=9` matches every 9.x.y, `=9.0` every 9.0.y. */
  readonly precision: number;
}

const COMPARATOR = /^(>=|<=|>|<|=)?(\d+(?:\.\d+){0,2})$/u;

/** Parses `>=10.8`, `<10.8`, `9.0`, `>=9.0 <10.8` (all must hold), `9.0 || >=11` (either); throws a message. */
function parseRange(text: string): Comparator[][] {
  const alternatives = text.split('||').map((part) => part.trim());
  return alternatives.map((alternative) => {
    const words = alternative.split(/\s+/u).filter((w) => w !== '');
    if (words.length === 0) throw new Error(`"${text}" has an empty alternative; write e.g. "<10.8" or "9.0 || >=11.0"`);
    return words.map((word): Comparator => {
      const match = COMPARATOR.exec(word);
      if (!match) throw new Error(`"${word}" is not a release comparison; write e.g. "9.0", ">=10.8" or "<10.8"`);
      return { operator: (match[1] ?? '=') as Operator, version: parseLibvirtVersion(match[2]!), precision: match[2]!.split('.').length };
    });
  });
}

/** Why a `per-libvirt:` key is not a valid range, or null (scenario validation calls it). */
export function libvirtRangeError(text: string): string | null {
  try {
    parseRange(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * Whether a release falls in a range: comparators separated by spaces must all hold, `||`
 * separates alternatives; a bare version (or `=`) matches the releases it is a prefix of.
 */
export function matchesLibvirtRange(range: string, release: string): boolean {
  const version = parseLibvirtVersion(release);
  return parseRange(range).some((alternative) =>
    alternative.every(({ operator, version: bound, precision }) => {
      const order = compare(version, bound);
      switch (operator) {
        case '=':
          return version.slice(0, precision).every((part, i) => part === bound[i]);
        case '>=':
          return order >= 0;
        case '<=':
          return order <= 0;
        case '>':
          return order > 0;
        case '<':
          return order < 0;
      }
    }),
  );
}
