import { VirthookError } from '../../errors/virthook-error.js';
import { completeDomainDef } from '../../model/complete-domain-def.js';
import type { DomainDef } from '../../model/domain-def.js';
import { seededRandom } from '../../model/seeded-random.js';
import { formatDomain } from '../../xml/format-domain.js';
import { parseDomainXml } from '../../xml/parse-domain.js';
import type { Simulation } from '../simulation.js';
import type { SimulatorState } from '../simulator-state.js';
import { runDomainHook } from './run-domain-hook.js';

/** What a filter hook left: the definition to go on with, or the failure. */
export type FilterOutcome =
  | { readonly state: SimulatorState; readonly def: DomainDef; readonly error: null }
  | { readonly state: SimulatorState; readonly error: string; readonly vetoed: boolean };

/**
 * The `migrate`/`restore` filter hooks (qemuMigrationDstPrepareFresh, qemuDomainSaveImageOpen):
 * stdin is the incoming definition; a failure refuses the operation before anything else runs;
 * non-empty stdout (HookOutcome.output, chained through `.d` scripts by the runner) replaces the
 * definition, empty keeps it. The ABI-stability check libvirt applies to the replacement is not
 * modelled; XML the parser refuses fails the operation with the parser's message.
 */
export function* runFilterHook(state: SimulatorState, def: DomainDef, op: 'migrate' | 'restore'): Simulation<FilterOutcome> {
  const outcome = yield* runDomainHook(state, def, op, { stdin: formatDomain(def), filter: true });
  if (outcome.status === 'failed') return { state, error: outcome.error ?? '', vetoed: true };
  if (outcome.output === null || outcome.output.trim() === '') return { state, def, error: null };
  try {
    const random = seededRandom(state.random);
    const replaced = completeDomainDef(parseDomainXml(outcome.output, `${op} hook output`), { random });
    return { state: { ...state, random: random.state() }, def: replaced, error: null };
  } catch (error) {
    if (!(error instanceof VirthookError)) throw error;
    return { state, error: `XML error: ${error.message}`, vetoed: false };
  }
}
