import type { NetworkDef } from '../../model/network-def.js';
import type { Command, NetUpdateCommand, NetUpdateSection, NetworkPortRequest } from '../../simulator/command.js';
import type { SimulatorState } from '../../simulator/simulator-state.js';
import { usageError } from '../usage-error.js';
import type { CallOp } from '../parse-call-args.js';

/** The commands that bring the network to where libvirt makes the call, then the one that makes it. */
export interface CallPlan {
  readonly prepare: readonly Command[];
  /** Built from the state after preparation (net-port-delete needs the port's UUID). */
  readonly final: (state: SimulatorState) => Command;
}

/** What the plan is built from. */
export interface CallPlanInput {
  readonly op: CallOp;
  readonly def: NetworkDef;
  /** The definition file as given (virsh echoes it). */
  readonly file: string;
  readonly port: { readonly request: NetworkPortRequest; readonly file: string } | null;
  readonly update: string | null;
}

const UPDATE_COMMANDS: readonly NetUpdateCommand[] = ['add', 'add-first', 'add-last', 'delete', 'modify'];
const UPDATE_SECTIONS: readonly NetUpdateSection[] = [
  'bridge', 'domain', 'ip', 'ip-dhcp-host', 'ip-dhcp-range', 'forward', 'forward-interface', 'forward-pf', 'portgroup', 'dns-host', 'dns-txt', 'dns-srv',
];

/**
 * virsh's way to each op: start/started by net-start (networkStartNetwork), stopped by
 * net-destroy, updated by a live net-update (networkUpdate), port-created by net-port-create and
 * port-deleted by net-port-delete (networkPortCreateXML / networkPortDelete), each after net-define.
 */
export function callPlan(input: CallPlanInput): CallPlan {
  const name = input.def.name;
  const define: Command = { verb: 'net-define', def: input.def, file: input.file };
  const start: Command = { verb: 'net-start', network: name };
  const createPort = (): Command => ({ verb: 'net-port-create', network: name, port: input.port!.request, file: input.port!.file });
  switch (input.op) {
    case 'start':
    case 'started':
      return { prepare: [define], final: () => start };
    case 'stopped':
      return { prepare: [define, start], final: () => ({ verb: 'net-destroy', network: name }) };
    case 'updated': {
      const update = parseUpdate(input.update ?? '');
      return { prepare: [define, start], final: () => ({ verb: 'net-update', network: name, ...update, parentIndex: -1, live: true, config: false }) };
    }
    case 'port-created':
      return { prepare: [define, start], final: createPort };
    case 'port-deleted':
      return {
        prepare: [define, start, createPort()],
        final: (state) => ({ verb: 'net-port-delete', network: name, port: state.networks[name]?.ports[0]?.uuid ?? '(no port was created)' }),
      };
  }
}

/** `add ip-dhcp-host <host .../>`: virsh net-update's COMMAND SECTION XML. */
function parseUpdate(text: string): { command: NetUpdateCommand; section: NetUpdateSection; xml: string } {
  const match = /^\s*(\S+)\s+(\S+)\s+([\s\S]+?)\s*$/u.exec(text);
  const command = match?.[1] as NetUpdateCommand | undefined;
  if (!match || !command || !UPDATE_COMMANDS.includes(command)) {
    throw usageError(`--update takes COMMAND SECTION XML as virsh net-update does (COMMAND: ${UPDATE_COMMANDS.join(', ')}), e.g. --update "add ip-dhcp-host <host mac='52:54:00:00:00:01' ip='192.0.2.10'/>"; got "${text}"`);
  }
  const section = match[2] as NetUpdateSection;
  if (!UPDATE_SECTIONS.includes(section)) throw usageError(`--update: unknown section "${section}" (sections: ${UPDATE_SECTIONS.join(', ')})`);
  return { command, section, xml: match[3]! };
}
