import { libvirtErrors } from '../libvirt-errors.js';
import type { DomainObject } from '../simulator-state.js';

/** Which definitions a device change touches, or libvirt's refusal. */
export type ModificationImpact =
  | { readonly live: boolean; readonly config: boolean; readonly error: null }
  | { readonly error: string };

/**
 * virDomainObjUpdateModificationImpact: --current means the live guest when it runs, the
 * persistent definition otherwise; a live change needs a running guest, a config change a
 * persistent one.
 */
export function modificationImpact(obj: DomainObject, flags: { readonly live: boolean; readonly config: boolean }): ModificationImpact {
  const running = obj.live !== null;
  const current = !flags.live && !flags.config;
  const live = flags.live || (current && running);
  const config = flags.config || (current && !running);
  if (live && !running) return { error: libvirtErrors.operationInvalid('domain is not running') };
  if (config && !obj.config) return { error: libvirtErrors.operationInvalid('cannot change persistent config of a transient domain') };
  return { live, config, error: null };
}
