import { VirthookError } from '../errors/virthook-error.js';
import { formatNetwork } from '../xml/format-network.js';
import { networkDefCopy } from '../xml/network-def-copy.js';
import { parseNetworkXml } from '../xml/parse-network.js';
import { updateNetworkSection, type UpdateCommand, type UpdateSection } from '../xml/update-network-section.js';
import type { NetworkDef } from './network-def.js';

/** One `virsh net-update` change. */
export interface NetworkUpdate {
  readonly command: UpdateCommand;
  readonly section: UpdateSection;
  /** The XML fragment (`<host mac=... ip=.../>`). */
  readonly xml: string;
  /** --parent-index; -1 lets libvirt pick the `<ip>`. */
  readonly parentIndex: number;
}

/** The changed definition, or libvirt's message as virsh prints it after `error: `. */
export type NetworkUpdateResult = { readonly ok: true; readonly def: NetworkDef } | { readonly ok: false; readonly error: string };

/**
 * virNetworkObjUpdate for one definition: a copy of it (virNetworkDefCopy: format, parse again),
 * virNetworkDefUpdateSection on the copy, then the format/parse round trip libvirt runs "to make
 * sure we didn't add anything illegal to the def". `version` is the release whose format is parsed.
 */
export function applyNetworkUpdate(def: NetworkDef, update: NetworkUpdate, version = '9.0'): NetworkUpdateResult {
  const copy = networkDefCopy(def, version);
  if (!copy.ok) return copy;
  const updated = updateNetworkSection(copy.def, update.command, update.section, update.xml, update.parentIndex);
  if ('error' in updated) return { ok: false, error: updated.error };
  // The check copy is thrown away: the stored def keeps what the update added as given.
  const check = networkDefCopy(updated, version);
  if (!check.ok) return check;
  try {
    parseNetworkXml(formatNetwork(updated), `network '${def.name}'`);
  } catch (error) {
    if (error instanceof VirthookError && error.problems.length > 0) return { ok: false, error: error.problems[0]!.message };
    throw error;
  }
  return { ok: true, def: updated };
}
