import { domainDriverOf } from '../../model/domain-stage.js';
import { domainConfigWrite, domainStatusWrite } from '../../status/status-file-writes.js';
import type { FileRemoval, FileWrite } from '../../status/status-files.js';
import { domainConfigPath, domainStatusPath } from '../../status/status-paths.js';
import type { Simulation } from '../simulation.js';
import type { DomainObject, SimulatorState } from '../simulator-state.js';
import { removeFiles, writeFiles } from './file-effects.js';

const EMPTY: DomainObject = { config: null, live: null };

/** The content of a config file, for telling a real change from a new object with the same definition. */
const configText = (obj: DomainObject) => (obj.config ? (domainConfigWrite(obj.config) as { content: string }).content : null);

/**
 * The hypervisor drivers' file writes between two states: a running guest's status is saved after
 * every job that changed it (qemuDomainSaveStatus, including at reconnect) and removed when it
 * stops (qemuProcessRemoveDomainStatus); a definition is saved when it changes (virDomainDefSave)
 * and deleted at undefine (virDomainDeleteConfig).
 */
export function* syncDomainFiles(before: SimulatorState, after: SimulatorState): Simulation<void> {
  if (before.domains === after.domains) return;
  const writes: FileWrite[] = [];
  const removals: FileRemoval[] = [];
  for (const name of new Set([...Object.keys(before.domains), ...Object.keys(after.domains)])) {
    const was = before.domains[name] ?? EMPTY;
    const now = after.domains[name] ?? EMPTY;
    if (was === now) continue;
    if (now.live && (now.live !== was.live || now.tainted !== was.tainted)) writes.push(domainStatusWrite({ live: now.live, tainted: now.tainted ?? false }));
    if (!now.live && was.live) removals.push({ path: domainStatusPath(domainDriverOf(was.live), name) });
    if (now.config && now.config !== was.config && configText(now) !== configText(was)) writes.push(domainConfigWrite(now.config));
    if (!now.config && was.config) removals.push({ path: domainConfigPath(domainDriverOf(was.config), name) });
  }
  yield* removeFiles(removals);
  yield* writeFiles(writes);
}
