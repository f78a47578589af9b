import type { DomainDef } from '../model/domain-def.js';
import type { DomainNetDef } from '../model/domain-net-def.js';
import type { NetworkDef } from '../model/network-def.js';
import type { Command, NetworkPortRequest } from '../simulator/command.js';
import { STEP_VERBS, type StepInput, type StepVerb } from './step-schema.js';

/** The verb of a validated step (the schema guarantees exactly one). */
export function stepVerb(step: StepInput): StepVerb {
  return STEP_VERBS.find((verb) => verb in step)!;
}

/** A definition given inline rather than by file: XML starts with `<`. */
export const isInlineXml = (value: string) => value.trimStart().startsWith('<');

/** What virsh echoes for an inline definition (`Network X defined from (inline)`). */
export const INLINE_DEFINITION = '(inline)';

/** The XML a step carries, what it defines, and where it sits in the step (for reading and errors). */
export interface StepDefinition {
  readonly kind: 'network' | 'domain' | 'port' | 'interface';
  /** Path inside the step's value (`[]` for the value itself, `['port']` for net-port-create). */
  readonly at: readonly string[];
  /** A file path or inline XML; for attach-interface without `xml`, XML built as virsh does. */
  readonly value: string;
}

/** The definition a step needs parsed before it becomes a command, if any. */
export function stepDefinition(step: StepInput): StepDefinition | null {
  const s = step as Record<string, unknown>;
  const verb = stepVerb(step);
  switch (verb) {
    case 'net-define':
    case 'net-create':
      return { kind: 'network', at: [], value: s[verb] as string };
    case 'define':
    case 'migrate-in':
      return { kind: 'domain', at: [], value: s[verb] as string };
    case 'net-port-create':
      return { kind: 'port', at: ['port'], value: (s[verb] as { port: string }).port };
    case 'attach-interface': {
      const a = s[verb] as { type?: string; source?: string; mac?: string; model?: string; xml?: string };
      return a.xml !== undefined ? { kind: 'interface', at: ['xml'], value: a.xml } : { kind: 'interface', at: [], value: attachInterfaceXml(a) };
    }
    default:
      return null;
  }
}

/** virshAttachInterface (virsh-domain.c): the <interface> virsh builds from its arguments. */
function attachInterfaceXml(a: { type?: string; source?: string; mac?: string; model?: string }): string {
  const type = a.type ?? 'network';
  const lines = [`<interface type='${type}'>`, `  <source ${type === 'bridge' ? 'bridge' : 'network'}='${a.source ?? ''}'/>`];
  if (a.mac) lines.push(`  <mac address='${a.mac}'/>`);
  if (a.model) lines.push(`  <model type='${a.model}'/>`);
  lines.push('</interface>');
  return lines.join('\n');
}

const fileOf = (value: string) => (isInlineXml(value) ? INLINE_DEFINITION : value);
const optionsOf = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** Builds the simulator's command for a validated step; `parsed` is its parsed definition (see stepDefinition). */
export function buildCommand(step: StepInput, parsed: unknown): Command {
  const s = step as Record<string, unknown>;
  const verb = stepVerb(step);
  const value = s[verb];
  switch (verb) {
    case 'net-define':
    case 'net-create':
      return { verb, def: parsed as NetworkDef, file: fileOf(value as string) };
    case 'define':
    case 'migrate-in':
      return { verb, def: parsed as DomainDef, file: fileOf(value as string) };
    case 'net-start':
    case 'net-destroy':
    case 'net-undefine':
      return { verb, network: value as string };
    case 'net-autostart': {
      const o = typeof value === 'string' ? { network: value } : (value as { network: string; disable?: boolean });
      return { verb, network: o.network, disable: o.disable ?? false };
    }
    case 'net-update': {
      const u = value as { network: string; command: never; section: never; xml: string; 'parent-index'?: number; live?: boolean; config?: boolean };
      return { verb, network: u.network, command: u.command, section: u.section, xml: u.xml, parentIndex: u['parent-index'] ?? -1, live: u.live ?? false, config: u.config ?? false };
    }
    case 'undefine':
    case 'start':
    case 'destroy':
    case 'shutdown':
      return { verb, domain: value as string };
    case 'attach-interface': {
      const a = value as { domain: string; live?: boolean; config?: boolean };
      // virsh attach-interface without --live/--config affects the running guest.
      return { verb, domain: a.domain, iface: parsed as DomainNetDef, live: a.live ?? !a.config, config: a.config ?? false };
    }
    case 'detach-interface': {
      const d = value as { domain: string; type?: string; mac?: string; live?: boolean; config?: boolean; 'unplug-ignored'?: boolean };
      return { verb, domain: d.domain, type: d.type ?? 'network', mac: d.mac ?? null, live: d.live ?? !d.config, config: d.config ?? false, unplugIgnored: d['unplug-ignored'] ?? false };
    }
    case 'save': {
      const v = value as { domain: string; file: string };
      return { verb, domain: v.domain, file: v.file };
    }
    case 'restore':
      return { verb, file: value as string };
    case 'net-port-create': {
      const p = value as { network: string; port: string };
      return { verb, network: p.network, port: parsed as NetworkPortRequest, file: fileOf(p.port) };
    }
    case 'net-port-delete': {
      const p = value as { network: string; port: string };
      return { verb, network: p.network, port: p.port };
    }
    case 'host-link-del':
      return { verb, bridge: value as string };
    case 'host-kill-dnsmasq':
      return { verb, network: value as string };
    case 'hook-write': {
      const w = value as { path: string; content: string; mode?: string };
      return { verb: 'hook-file', change: { op: 'write', path: w.path, content: w.content, mode: parseInt(w.mode ?? '755', 8) } };
    }
    case 'hook-remove':
      return { verb: 'hook-file', change: { op: 'remove', path: value as string } };
    case 'hook-chmod': {
      const c = value as { path: string; mode: string };
      return { verb: 'hook-file', change: { op: 'chmod', path: c.path, mode: parseInt(c.mode, 8) } };
    }
    case 'daemon-start':
    case 'daemon-restart': {
      const o = optionsOf(value) as { daemon?: 'libvirtd' | 'virtnetworkd' | 'virtqemud'; order?: string[] };
      return { verb, ...(o.daemon ? { daemon: o.daemon } : {}), ...(o.order ? { order: o.order } : {}) };
    }
    case 'daemon-stop':
    case 'daemon-reload': {
      const o = optionsOf(value) as { daemon?: 'libvirtd' | 'virtnetworkd' | 'virtqemud' };
      return { verb, ...(o.daemon ? { daemon: o.daemon } : {}) };
    }
    case 'host-reboot':
    case 'virtnetworkd-idle-exit':
    case 'firewalld-reload':
      return { verb };
  }
}
