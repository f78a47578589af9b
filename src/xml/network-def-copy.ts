import type { NetworkDef } from '../model/network-def.js';
import { formatNetwork } from './format-network.js';
import { libxmlAttributeError } from './libxml-attribute-error.js';

const PORTGROUP_OPEN = "<portgroup name='";
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

// catchXMLError's marker line: a '-' per byte before libxml2's cursor, tabs kept.
function pointerLine(before: string): string {
  let out = '';
  for (const c of before) out += c === '\t' ? '\t' : '-'.repeat(Buffer.byteLength(c));
  return `${out}^`;
}

// What libxml2 reads back from a well-formed unescaped value: references resolved, literal blanks normalised to spaces.
function decodeAttribute(raw: string): string {
  return raw.replace(/&#x([0-9a-fA-F]+);|&#([0-9]+);|&(lt|gt|amp|apos|quot);|[\t\n\r]/g, (blank, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return name !== undefined ? ENTITIES[name]! : ' ';
  });
}

/** virNetworkDefCopy's outcome: the definition as parsed back, or libvirt's parse error. */
export type NetworkDefCopy = { readonly ok: true; readonly def: NetworkDef } | { readonly ok: false; readonly error: string };

const UNESCAPED = /[&<'\t\n\r]/;

// Where an unescaped name's value starts in a formatted line: virPortGroupDefFormat, and the DHCP
// <host> of virNetworkIPDefFormat (mac and id before it are validated values); -1 elsewhere.
function unescapedValueStart(line: string): number {
  const text = line.trimStart();
  if (text.startsWith(PORTGROUP_OPEN)) return line.indexOf(PORTGROUP_OPEN) + PORTGROUP_OPEN.length;
  if (text.startsWith('<host ') && !text.startsWith('<host ip=')) {
    const at = line.indexOf(" name='");
    return at === -1 ? -1 : at + " name='".length;
  }
  return -1;
}

/**
 * virNetworkDefCopy: libvirt formats a definition and parses the text again. Portgroup and DHCP
 * host names are formatted unescaped, so `&`, `<` or `'` in one can make the text malformed (the
 * error as catchXMLError words it: `(network_definition):LINE: MSG`, the line, a pointer) or make
 * it come back changed (`x&lt;` is read as `x<`). Everything else survives the round trip.
 */
export function networkDefCopy(def: NetworkDef, version: string): NetworkDefCopy {
  const hosts = def.ips.flatMap((ip) => ip.dhcp.hosts);
  if (!def.portgroups.some((pg) => UNESCAPED.test(pg.name)) && !hosts.some((h) => h.name !== undefined && UNESCAPED.test(h.name))) return { ok: true, def };
  const lines = formatNetwork(def, { version }).split('\n');
  for (const [index, line] of lines.entries()) {
    const valueStart = unescapedValueStart(line);
    const error = valueStart === -1 ? null : libxmlAttributeError(line, valueStart);
    if (error) return { ok: false, error: `(network_definition):${index + 1}: ${error.message}\n${line}\n${pointerLine(line.slice(0, error.at))}` };
  }
  return {
    ok: true,
    def: {
      ...def,
      portgroups: def.portgroups.map((pg) => ({ ...pg, name: decodeAttribute(pg.name) })),
      ips: def.ips.map((ip) => ({ ...ip, dhcp: { ...ip.dhcp, hosts: ip.dhcp.hosts.map((h) => (h.name === undefined ? h : { ...h, name: decodeAttribute(h.name) })) } })),
    },
  };
}
