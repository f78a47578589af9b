import type { DoublesOptions } from './normalize-doubles.js';

/**
 * A step's doubles section on top of the scenario's: a command the step names replaces the
 * scenario's double for it (`false` turns it off for the step), `strict` and `libvirtCallbacks`
 * given by the step win, and `allow` adds to the scenario's. Validate each section with
 * normalizeDoubles (for the problems' paths), then normalise the merge (for the config).
 */
export function mergeDoublesOptions(scenario: DoublesOptions | undefined, step: DoublesOptions | undefined): DoublesOptions {
  const base = scenario ?? {};
  const over = step ?? {};
  return {
    doubles: { ...(base.doubles ?? {}), ...(over.doubles ?? {}) },
    strict: over.strict ?? base.strict ?? false,
    allow: [...new Set([...(base.allow ?? []), ...(over.allow ?? [])])],
    libvirtCallbacks: over.libvirtCallbacks ?? base.libvirtCallbacks ?? 'flag',
  };
}
