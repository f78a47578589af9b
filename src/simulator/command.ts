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
  /** `file` is the path as the user wrote it: virsh echoes it (`Network X defined from FILE`). */
  | { readonly verb: 'net-define'; readonly def: NetworkDef; readonly file: string }
  | { readonly verb: 'net-create'; readonly def: NetworkDef; readonly file: string }
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
      /** virsh's --parent-index; -1 when not given. */
      readonly parentIndex: number;
      /** --live / --config; neither means --current. */
      readonly live: boolean;
      readonly config: boolean;
    };

/** Daemon and host events (issue: daemon lifecycle); not virsh verbs, but what an admin does to the host. */
export type DaemonCommand =
  | { readonly verb: 'daemon-start' }
  | { readonly verb: 'daemon-stop' }
  | { readonly verb: 'daemon-restart' }
  | { readonly verb: 'daemon-reload' }
  | { readonly verb: 'host-reboot' }
  /** `ip link del BRIDGE`: the admin removes a device by hand (e.g. one a vetoed start leaked). */
  | { readonly verb: 'host-link-del'; readonly bridge: string };

export type Command = NetworkCommand | DaemonCommand;

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
    case 'daemon-start':
    case 'daemon-stop':
    case 'daemon-restart':
    case 'daemon-reload':
    case 'host-reboot':
      return command.verb;
    case 'host-link-del':
      return `host-link-del ${command.bridge}`;
    default:
      return `${command.verb} ${command.network}`;
  }
}
