/**
 * The operations a scenario can perform, named after virsh's verbs. Definitions arrive parsed
 * (the scenario loader parses XML so that errors can name the user's file and line).
 */
import type { NetworkDef } from '../model/network-def.js';

export type NetUpdateCommand = 'add' | 'add-first' | 'add-last' | 'delete' | 'modify';
export type NetUpdateSection =
  | 'bridge' | 'domain' | 'ip' | 'ip-dhcp-host' | 'ip-dhcp-range' | 'forward' | 'forward-interface'
  | 'forward-pf' | 'portgroup' | 'dns-host' | 'dns-txt' | 'dns-srv';

export type NetworkCommand =
  | { readonly verb: 'net-define'; readonly def: NetworkDef }
  | { readonly verb: 'net-create'; readonly def: NetworkDef }
  | { readonly verb: 'net-undefine'; readonly network: string }
  | { readonly verb: 'net-start'; readonly network: string }
  | { readonly verb: 'net-destroy'; readonly network: string }
  | { readonly verb: 'net-autostart'; readonly network: string; readonly disable: boolean }
  | {
      readonly verb: 'net-update';
      readonly network: string;
      readonly command: NetUpdateCommand;
      readonly section: NetUpdateSection;
      /** The XML fragment given to virsh (e.g. `<host mac=... ip=.../>`). */
      readonly xml: string;
      readonly parentIndex: number;
      readonly live: boolean;
      readonly config: boolean;
    };

export type Command = NetworkCommand;

/** The step as a person would type it after `virsh`, for reports. */
export function describeCommand(command: Command): string {
  switch (command.verb) {
    case 'net-define':
    case 'net-create':
      return `${command.verb} ${command.def.name}`;
    case 'net-autostart':
      return `net-autostart ${command.network}${command.disable ? ' --disable' : ''}`;
    case 'net-update': {
      const flags = [command.live ? ' --live' : '', command.config ? ' --config' : ''].join('');
      return `net-update ${command.network} ${command.command} ${command.section} ${command.xml}${flags}`;
    }
    default:
      return `${command.verb} ${command.network}`;
  }
}
