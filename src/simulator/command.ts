/**
 * The operations a scenario can perform, named after virsh's verbs. Definitions arrive parsed
 * (the scenario loader parses XML so that errors can name the user's file and line).
 */
import type { DomainDef } from '../model/domain-def.js';
import type { DomainNetDef } from '../model/domain-net-def.js';
import type { NetworkDef } from '../model/network-def.js';
import type { NetworkPortDef, NetworkPortPlug } from '../model/network-port-def.js';

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

/**
 * A `<networkport>` document given to `virsh net-port-create`: what virNetworkPortDefParse keeps.
 * The uuid is generated when absent; a plug makes libvirt refuse (no RECLAIM from virsh).
 */
export type NetworkPortRequest = Omit<NetworkPortDef, 'uuid' | 'plug' | 'classId'> & {
  readonly uuid?: string;
  readonly plug?: NetworkPortPlug;
};

/** Network ports without a guest (5.5+): virNetworkPortCreateXML / virNetworkPortDelete. */
export type PortCommand =
  | { readonly verb: 'net-port-create'; readonly network: string; readonly port: NetworkPortRequest; readonly file: string }
  /** `port` is the port's UUID, as virsh takes it. */
  | { readonly verb: 'net-port-delete'; readonly network: string; readonly port: string };

/** Guest commands (qemu, lxc, libxl or bhyve guests, by the definition's `type`). */
export type DomainCommand =
  /** `def` is parsed, not yet completed (virsh define fills UUID, MACs, defaults). */
  | { readonly verb: 'define'; readonly def: DomainDef; readonly file: string }
  | { readonly verb: 'undefine'; readonly domain: string }
  | { readonly verb: 'start'; readonly domain: string }
  | { readonly verb: 'destroy'; readonly domain: string }
  /** The guest cooperates: it powers off at once (an OS-less guest would ignore the request). */
  | { readonly verb: 'shutdown'; readonly domain: string }
  | {
      readonly verb: 'attach-interface';
      readonly domain: string;
      /** The `<interface>` virsh builds from its arguments (type, source, --mac, --model ...). */
      readonly iface: DomainNetDef;
      /** --live / --config; neither means --current (live when running). */
      readonly live: boolean;
      readonly config: boolean;
    }
  | {
      readonly verb: 'detach-interface';
      readonly domain: string;
      /** virsh's TYPE argument, matched against the interface type the XML shows. */
      readonly type: string;
      readonly mac: string | null;
      readonly live: boolean;
      readonly config: boolean;
      /**
       * The guest never acknowledges the unplug (no OS, as oracle e4): virsh still reports
       * success after its 5 s wait, but the NIC and its port stay until the guest stops.
       * @default false
       */
      readonly unplugIgnored?: boolean;
    }
  /** `virsh save DOMAIN FILE`: the guest stops (release reason `saved`), its definition kept in FILE. */
  | { readonly verb: 'save'; readonly domain: string; readonly file: string }
  /** `virsh restore FILE`: the `restore` filter hook, then a normal start of the saved guest. */
  | { readonly verb: 'restore'; readonly file: string }
  /**
   * The destination side of `virsh migrate`: the `migrate` filter hook gets `def` (as the source
   * sent it), then the guest starts here as a transient guest.
   */
  | { readonly verb: 'migrate-in'; readonly def: DomainDef; readonly file: string };

/** The daemons a step can address: libvirtd, or one split daemon in `modular` mode. */
export type DaemonName = 'libvirtd' | 'virtnetworkd' | 'virtqemud';

/**
 * The order of the port-created replay at network driver start, by port UUID or `network:mac`;
 * ports not listed follow in the seeded order. Networks follow their first listed port.
 */
export type ReplayOrder = readonly string[];

/** Daemon and host events (issue: daemon lifecycle); not virsh verbs, but what an admin does to the host. */
export type DaemonCommand =
  | { readonly verb: 'daemon-start'; readonly daemon?: DaemonName; readonly order?: ReplayOrder }
  | { readonly verb: 'daemon-stop'; readonly daemon?: DaemonName }
  | { readonly verb: 'daemon-restart'; readonly daemon?: DaemonName; readonly order?: ReplayOrder }
  | { readonly verb: 'daemon-reload'; readonly daemon?: DaemonName }
  | { readonly verb: 'host-reboot' }
  /** `ip link del BRIDGE`: the admin removes a device by hand (e.g. one a vetoed start leaked). */
  | { readonly verb: 'host-link-del'; readonly bridge: string }
  /** `kill $(cat /run/libvirt/network/NETWORK.pid)`: the admin ends the dnsmasq a vetoed start leaked. */
  | { readonly verb: 'host-kill-dnsmasq'; readonly network: string }
  /** virtnetworkd's `--timeout 120` idle exit (modular mode); the next network call re-activates it. */
  | { readonly verb: 'virtnetworkd-idle-exit' }
  /** `firewall-cmd --reload`: libvirt re-adds its own rules; no hook runs. */
  | { readonly verb: 'firewalld-reload' }
  /** An admin edits the hooks directory mid-scenario (write a script, remove it, chmod it). */
  | { readonly verb: 'hook-file'; readonly change: HookFileChange };

/** A change to a file under the hooks directory; `path` is relative to it (`network.d/15-late`). */
export type HookFileChange =
  | { readonly op: 'write'; readonly path: string; readonly content: string; readonly mode: number }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'chmod'; readonly path: string; readonly mode: number };

/** What a user runs through virsh (as opposed to daemon and host events). */
export type VirshCommand = NetworkCommand | PortCommand | DomainCommand;

export type Command = VirshCommand | DaemonCommand;

/** The step as a person would type it after `virsh`, for reports. */
export function describeCommand(command: Command): string {
  switch (command.verb) {
    case 'net-define':
    case 'net-create':
    case 'define':
    case 'migrate-in':
      return `${command.verb} ${command.def.name}`;
    case 'net-autostart':
      return `net-autostart ${command.network}${command.disable ? ' --disable' : ''}`;
    case 'net-update': {
      const flags = [command.live ? ' --live' : '', command.config ? ' --config' : ''].join('');
      return `net-update ${command.network} ${command.command} ${command.section} ${command.xml}${flags}`;
    }
    case 'net-port-create':
      return `net-port-create ${command.network} ${command.file}`;
    case 'net-port-delete':
      return `net-port-delete ${command.network} ${command.port}`;
    case 'undefine':
    case 'start':
    case 'destroy':
    case 'shutdown':
      return `${command.verb} ${command.domain}`;
    case 'attach-interface': {
      const source = command.iface.source?.kind === 'network' ? ` ${command.iface.source.network}` : '';
      return `attach-interface ${command.domain} ${command.iface.type}${source}${command.iface.mac ? ` --mac ${command.iface.mac}` : ''}`;
    }
    case 'detach-interface':
      return `detach-interface ${command.domain} ${command.type}${command.mac ? ` --mac ${command.mac}` : ''}`;
    case 'save':
      return `save ${command.domain} ${command.file}`;
    case 'restore':
      return `restore ${command.file}`;
    case 'daemon-start':
    case 'daemon-stop':
    case 'daemon-restart':
    case 'daemon-reload':
      return command.daemon ? `${command.verb} ${command.daemon}` : command.verb;
    case 'hook-file':
      return `hook-${command.change.op} ${command.change.path}${command.change.op === 'remove' ? '' : ` ${command.change.mode.toString(8)}`}`;
    case 'host-reboot':
    case 'virtnetworkd-idle-exit':
    case 'firewalld-reload':
      return command.verb;
    case 'host-link-del':
      return `host-link-del ${command.bridge}`;
    case 'host-kill-dnsmasq':
      return `host-kill-dnsmasq ${command.network}`;
    default:
      return `${command.verb} ${command.network}`;
  }
}
