import { parseLibvirtVersion } from '../model/libvirt-profile.js';
import type { NetworkDef } from '../model/network-def.js';
import type { Scenario } from './scenario.js';

/** Parts of a network definition that older releases parse or keep but do not format for hooks. */
const LATER_ELEMENTS: readonly { readonly name: string; readonly since: readonly [number, number]; readonly present: (def: NetworkDef) => boolean }[] = [
  // virNetworkDefFormatBuf formats <title>/<description> from 9.7.0 (network metadata APIs, GSoC 2023).
  { name: '<title>', since: [9, 7], present: (def) => def.title !== undefined },
  { name: '<description>', since: [9, 7], present: (def) => def.description !== undefined },
  // <domain register=...> was added in 10.1.0.
  { name: "<domain register='...'>", since: [10, 1], present: (def) => def.domain?.register !== undefined },
];

/**
 * One line per network definition and release that leaves some of its elements out of the XML
 * its hooks get, e.g. `networks[0] (lab): libvirt 9.0 leaves <title>, <description> out of the
 * hook XML (formatted from 9.7 on)`. Faithful to libvirt, so not an error: a notice for the user who
 * expected to see them.
 */
export function unformattedElements(scenario: Scenario, releases: readonly string[]): string[] {
  const notices: string[] = [];
  for (const step of scenario.steps) {
    const { command } = step;
    if (command.verb !== 'net-define' && command.verb !== 'net-create') continue;
    const where = `${scenario.displayFile}${step.line !== undefined ? `:${step.line}` : ''}: ${step.path} (${command.def.name})`;
    for (const release of releases) {
      const [major, minor] = parseLibvirtVersion(release);
      const missing = LATER_ELEMENTS.filter(({ since, present }) => present(command.def) && (major < since[0] || (major === since[0] && minor < since[1])));
      if (missing.length === 0) continue;
      const since = [...new Set(missing.map((m) => m.since.join('.')))].join(' and ');
      notices.push(`${where}: libvirt ${release} leaves ${missing.map((m) => m.name).join(', ')} out of the hook XML (formatted from ${since} on)`);
    }
  }
  return notices;
}
