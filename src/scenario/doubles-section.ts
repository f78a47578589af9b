import type { DoublesOptions } from '../doubles/normalize-doubles.js';

/** The doubles settings a scenario or one of its steps may write (`libvirt-callbacks` in the file's spelling). */
export interface DoublesSectionInput {
  readonly doubles?: Readonly<Record<string, unknown>>;
  readonly strict?: boolean;
  readonly allow?: readonly string[];
  readonly 'libvirt-callbacks'?: 'flag' | 'allow';
}

/** `doubles:`, `strict:`, `allow:` and `libvirt-callbacks:` as the doubles' options; only what was written. */
export function doublesSection(input: DoublesSectionInput): DoublesOptions {
  return {
    ...(input.doubles ? { doubles: input.doubles as DoublesOptions['doubles'] } : {}),
    ...(input.strict !== undefined ? { strict: input.strict } : {}),
    ...(input.allow ? { allow: input.allow } : {}),
    ...(input['libvirt-callbacks'] ? { libvirtCallbacks: input['libvirt-callbacks'] } : {}),
  };
}
