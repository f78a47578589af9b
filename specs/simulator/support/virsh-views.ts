import type { DomainNetDef } from '../../../src/model/domain-net-def.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';

/** What a read-only virsh command printed: its text (stdout, or virsh's errors) and exit code. */
export interface VirshOutput {
  readonly text: string;
  readonly rc: number;
}

const NOT_CONNECTED: VirshOutput = {
  text: "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory",
  rc: 1,
};

/**
 * vshTablePrintToString: a leading space, cells left-aligned and padded to their column's width
 * except the last, three spaces between columns, and a dash rule two longer than the widest row.
 */
export function vshTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => ` ${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('   ')}`;
  const rule = '-'.repeat(1 + widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 2);
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const stateName = (running: boolean) => (running ? 'running' : 'shut off');

/** virshDomainSorter: running guests by id first, then the others by name. */
function listAll(state: SimulatorState): string {
  const guests = Object.entries(state.domains).map(([name, obj]) => ({ name, id: obj.live?.id ?? null }));
  guests.sort((a, b) => (a.id !== null && b.id !== null ? a.id - b.id : a.id !== null ? -1 : b.id !== null ? 1 : a.name.localeCompare(b.name)));
  return vshTable(['Id', 'Name', 'State'], guests.map((g) => [g.id === null ? '-' : String(g.id), g.name, stateName(g.id !== null)]));
}

/** cmdDomiflist: one row per `<interface>` of the live XML (the persistent one while shut off). */
function domiflist(state: SimulatorState, name: string): string {
  const obj = state.domains[name]!;
  const def = (obj.live ?? obj.config)!;
  const nics = def.devices.filter((d): d is DomainNetDef => d.kind === 'interface');
  const source = (n: DomainNetDef) => (n.source?.kind === 'network' ? n.source.network : n.source?.kind === 'bridge' ? n.source.bridge : n.source?.kind === 'direct' ? n.source.dev : '-');
  return vshTable(['Interface', 'Type', 'Source', 'Model', 'MAC'], nics.map((n) => [n.target.dev ?? '-', n.actual?.type ?? n.type, source(n), n.model ?? '-', n.mac ?? '-']));
}

/** cmdNetworkPortList: the ports' UUIDs, sorted; an inactive network is refused (networkListAllPorts). */
function netPortList(state: SimulatorState, network: string): VirshOutput {
  const obj = state.networks[network]!;
  if (!obj.live) return { text: `error: Requested operation is not valid: network '${network}' is not active`, rc: 1 };
  return { text: vshTable(['UUID'], obj.ports.map((p) => p.uuid).sort().map((uuid) => [uuid])), rc: 0 };
}

/**
 * What a read-only virsh command (`list --all`, `domstate`, `domiflist`, `net-port-list`) would
 * print in this state, or null for other lines. Only what the recordings use is modelled.
 */
export function virshView(state: SimulatorState, line: string): VirshOutput | null {
  const match = /^virsh -c qemu:\/\/\/system (list --all|domstate|domiflist|net-port-list) ?(\S*)$/.exec(line);
  if (!match) return null;
  if (!state.daemonRunning) return NOT_CONNECTED;
  const [, verb, name = ''] = match;
  switch (verb) {
    case 'list --all':
      return { text: listAll(state), rc: 0 };
    case 'domstate':
      return { text: stateName(state.domains[name]!.live !== null), rc: 0 };
    case 'domiflist':
      return { text: domiflist(state, name), rc: 0 };
    default:
      return netPortList(state, name);
  }
}
