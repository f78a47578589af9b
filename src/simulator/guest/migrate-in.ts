import type { DomainCommand } from '../command.js';
import { libvirtErrors } from '../libvirt-errors.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import type { StepResult } from '../step-result.js';
import { assignDomainDef } from './define-domain.js';
import { domainDriverOps, noSupport } from './domain-driver-ops.js';
import { runFilterHook } from './run-filter-hook.js';
import { startGuest } from './start-guest.js';
import { withDomain } from './with-domain.js';

type MigrateInCommand = Extract<DomainCommand, { verb: 'migrate-in' }>;

/** cmdMigrate prints nothing on success and only libvirt's error on failure. */
const migrateFailed = (error: string, vetoed = false): StepResult => ({ ok: false, output: '', error: `error: ${error}`, vetoed });

/**
 * The destination side of a migration (qemuMigrationDstPrepareFresh): the `migrate` filter hook
 * first (a veto refuses the migration, nothing else runs), then the guest starts here (prepare,
 * port-created, start, started) as a transient guest unless it was defined here already.
 */
export function* migrateIn(state: SimulatorState, command: MigrateInCommand): Simulation {
  const name = command.def.name;
  if (state.domains[name]?.live) return { state, result: migrateFailed(libvirtErrors.operationInvalid(`domain '${name}' is already active`)) };
  const assigned = assignDomainDef(state, command.def);
  if (assigned.error !== null) return { state, result: migrateFailed(assigned.error) };
  if (!domainDriverOps(assigned.def).migrate) return { state, result: migrateFailed(noSupport('virDomainMigratePrepare3Params')) };
  const filtered = yield* runFilterHook(assigned.state, assigned.def, 'migrate');
  if (filtered.error !== null) return { state, result: migrateFailed(filtered.error, filtered.vetoed) };
  let current = filtered.state;
  const incoming = filtered.def.name;
  if (!current.domains[incoming]) current = withDomain(current, incoming, { config: null, live: null });
  const started = yield* startGuest(current, filtered.def);
  if (started.error !== null) return { state: started.state, result: migrateFailed(started.error, started.vetoed) };
  return { state: started.state, result: { ok: true, output: '', error: null, vetoed: false } };
}
