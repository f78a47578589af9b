import type { RunExpectation, StateExpectation, StepExpectation } from '../assertions/expectation.js';
import { matchesLibvirtRange } from './libvirt-range.js';
import type { LibvirtOverride } from './scenario.js';

const OUTCOME = ['ok', 'vetoed', 'error'] as const;

/**
 * The expectations that hold for one release: the base, then each matching `per-libvirt` range
 * in file order. A range replaces the keys it names, except that ok/vetoed/error replace as a
 * group (a range saying `vetoed: true` drops the base's implicit `ok: true`) and `state` merges
 * per network, guest and bridge.
 */
export function expectationForRelease<T extends StepExpectation | RunExpectation>(base: T, overrides: readonly LibvirtOverride<T>[] | undefined, libvirt: string): T {
  let current = base;
  for (const override of overrides ?? []) {
    if (matchesLibvirtRange(override.range, libvirt)) current = mergeExpectations(current, override.expect);
  }
  return current;
}

function mergeExpectations<T extends StepExpectation | RunExpectation>(base: T, override: T): T {
  const merged: Record<string, unknown> = { ...base };
  if (OUTCOME.some((key) => key in override)) for (const key of OUTCOME) delete merged[key];
  for (const [key, value] of Object.entries(override)) {
    merged[key] = key === 'state' ? mergeState((base as StepExpectation).state, value as StateExpectation) : value;
  }
  return merged as T;
}

function mergeState(base: StateExpectation | undefined, override: StateExpectation): StateExpectation {
  if (!base) return override;
  const byName = <V>(a: Readonly<Record<string, V>> | undefined, b: Readonly<Record<string, V>> | undefined, merge: (x: V, y: V) => V) => {
    if (!a || !b) return a ?? b;
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const pick = (map: Readonly<Record<string, V>>, name: string) => (Object.hasOwn(map, name) ? map[name] : undefined);
    return Object.fromEntries(names.map((name) => {
      const [x, y] = [pick(a, name), pick(b, name)];
      return [name, x !== undefined && y !== undefined ? merge(x, y) : (y ?? x)!];
    }));
  };
  const facts = <V extends object>(x: V, y: V): V => ({ ...x, ...y });
  const result = {
    networks: byName(base.networks, override.networks, facts),
    guests: byName(base.guests, override.guests, facts),
    bridges: byName(base.bridges, override.bridges, (_x, y) => y),
  };
  return Object.fromEntries(Object.entries(result).filter(([, value]) => value !== undefined)) as StateExpectation;
}
