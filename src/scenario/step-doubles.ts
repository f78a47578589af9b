import { createCommandDoubles, type CommandDoubles } from '../doubles/command-doubles.js';
import { mergeDoublesOptions } from '../doubles/merge-doubles-options.js';
import type { Scenario } from './scenario.js';

/**
 * The command doubles of each step: one set for the whole run (so reply sequences continue from
 * step to step), merged with a step's own `doubles:`, `strict:`, `allow:` or `libvirt-callbacks:`
 * where it has them (a double the step leaves as it was goes on counting; one it redefines starts
 * afresh). Always on, so that virsh and libvirt's sockets are watched even when the scenario
 * doubles nothing.
 */
export function stepDoubles(scenario: Scenario, strictByDefault: boolean): (index: number) => CommandDoubles {
  const base = { ...scenario.doubles, strict: scenario.doubles.strict ?? strictByDefault };
  const shared = createCommandDoubles(mergeDoublesOptions(base, undefined));
  const own = new Map<number, CommandDoubles>();
  return (index) => {
    const step = scenario.steps[index]!.doubles;
    if (!step) return shared;
    if (!own.has(index)) own.set(index, createCommandDoubles(mergeDoublesOptions(base, step), shared));
    return own.get(index)!;
  };
}
