import type { NetworkDef } from '../model/network-def.js';
import type { Command } from '../simulator/command.js';
import { STEP_VERBS, type StepInput, type StepVerb } from './step-schema.js';

/** The verb of a validated step (the schema guarantees exactly one). */
export function stepVerb(step: StepInput): StepVerb {
  return STEP_VERBS.find((verb) => verb in step)!;
}

/** A definition given inline rather than by file: XML starts with `<`. */
export const isInlineXml = (value: string) => value.trimStart().startsWith('<');

/** What virsh echoes for an inline definition (`Network X defined from (inline)`). */
export const INLINE_DEFINITION = '(inline)';

/** Builds the simulator's command for a validated step; `def` is the parsed definition of net-define/net-create. */
export function buildCommand(step: StepInput, def: NetworkDef | null): Command {
  if ('net-define' in step || 'net-create' in step) {
    const verb = 'net-define' in step ? 'net-define' : 'net-create';
    const value = 'net-define' in step ? step['net-define'] : step['net-create'];
    return { verb, def: def!, file: isInlineXml(value) ? INLINE_DEFINITION : value };
  }
  if ('net-start' in step) return { verb: 'net-start', network: step['net-start'] };
  if ('net-destroy' in step) return { verb: 'net-destroy', network: step['net-destroy'] };
  if ('net-undefine' in step) return { verb: 'net-undefine', network: step['net-undefine'] };
  if ('host-link-del' in step) return { verb: 'host-link-del', bridge: step['host-link-del'] };
  if ('daemon-start' in step) return { verb: 'daemon-start' };
  if ('daemon-stop' in step) return { verb: 'daemon-stop' };
  if ('daemon-restart' in step) return { verb: 'daemon-restart' };
  if ('daemon-reload' in step) return { verb: 'daemon-reload' };
  if ('host-reboot' in step) return { verb: 'host-reboot' };
  if ('net-autostart' in step) {
    const value = step['net-autostart'];
    return typeof value === 'string'
      ? { verb: 'net-autostart', network: value, disable: false }
      : { verb: 'net-autostart', network: value.network, disable: value.disable ?? false };
  }
  const update = step['net-update'];
  return {
    verb: 'net-update',
    network: update.network,
    command: update.command,
    section: update.section,
    xml: update.xml,
    parentIndex: update['parent-index'] ?? -1,
    live: update.live ?? false,
    config: update.config ?? false,
  };
}
