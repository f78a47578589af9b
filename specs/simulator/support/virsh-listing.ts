import { domainInterfaces } from '../../../src/model/domain-stage.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';

/** What virsh printed while no daemon listened (oracle g, between SIGTERM and the next start). */
const NOT_CONNECTED = "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory";

/** A port UUID is random in libvirt and seeded here: listings compare with every UUID masked. */
export const maskUuids = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>');

/**
 * vshTable as virsh prints it: a leading space, columns padded to their widest cell and parted
 * by three spaces (the last one unpadded), a dashed rule as wide as the columns plus three.
 */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => ` ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('   ')}`;
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 3);
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the read-only virsh commands of the recordings print for this state (net-list --all,
 * list --all, net-port-list, domiflist, domstate), or null for any other command line.
 */
export function virshListing(state: SimulatorState, line: string): string | null {
  const match = /^virsh -c qemu:\/\/\/system (net-list --all|list --all|net-port-list|domiflist|domstate)(?: (\S+))?$/.exec(line);
  if (!match) return null;
  if (!state.daemonRunning && !state.networkDaemon) return NOT_CONNECTED;
  const [, command, name = ''] = match;
  const domain = state.domains[name];
  switch (command) {
    case 'net-list --all':
      return table(['Name', 'State', 'Autostart', 'Persistent'], Object.keys(state.networks).sort(byName).map((n) => {
        const obj = state.networks[n]!;
        return [n, obj.live ? 'active' : 'inactive', obj.autostart ? 'yes' : 'no', obj.config ? 'yes' : 'no'];
      }));
    case 'list --all': {
      // vshDomainSorter: running guests by id, then the others by name.
      const entries = Object.entries(state.domains);
      const running = entries.filter(([, o]) => o.live).sort(([, a], [, b]) => a.live!.id! - b.live!.id!);
      const off = entries.filter(([, o]) => !o.live).sort(([a], [b]) => byName(a, b));
      return table(['Id', 'Name', 'State'], [...running, ...off].map(([n, o]) => [o.live ? String(o.live.id) : '-', n, o.live ? 'running' : 'shut off']));
    }
    case 'net-port-list':
      // virNetworkListAllPorts refuses an inactive network.
      if (!state.networks[name]?.live) return `error: Requested operation is not valid: network '${name}' is not active`;
      return table(['UUID'], (state.networks[name]?.ports ?? []).map((p) => [p.uuid]).sort(([a], [b]) => byName(a!, b!)));
    case 'domiflist':
      return table(['Interface', 'Type', 'Source', 'Model', 'MAC'], domainInterfaces((domain?.live ?? domain?.config)!).map((i) => [
        i.target.dev ?? '-',
        i.type,
        i.source?.kind === 'network' ? i.source.network : i.source?.kind === 'bridge' ? i.source.bridge : '-',
        i.model ?? '-',
        i.mac ?? '-',
      ]));
    default:
      return domain?.live ? 'running' : 'shut off';
  }
}
