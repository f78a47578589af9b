import type { Problem } from '../errors/virthook-error.js';
import type { XmlElement } from './read-xml.js';

/** The namespace libvirt's network driver registers for `<dnsmasq:options>` (networkDnsmasqXMLNamespace). */
export const DNSMASQ_NAMESPACE = 'http://libvirt.org/schemas/network/dnsmasq/1.0';

/** What an element of libvirt's network format may hold. */
export interface ElementSpec {
  readonly attrs?: readonly string[];
  readonly children?: Readonly<Record<string, ElementSpec>>;
  /** Text content is its value (`<name>`, `<hostname>` ...). */
  readonly text?: boolean;
  /** Anything goes below (`<metadata>`). */
  readonly any?: boolean;
  /** May appear more than once; otherwise libvirt reads only the first. */
  readonly repeat?: boolean;
}

const lease: ElementSpec = { attrs: ['expiry', 'unit'] };
const bandwidth: ElementSpec = {
  children: {
    inbound: { attrs: ['average', 'peak', 'burst', 'floor'], repeat: true },
    outbound: { attrs: ['average', 'peak', 'burst', 'floor'], repeat: true },
  },
};
const vlan: ElementSpec = { attrs: ['trunk'], children: { tag: { attrs: ['id', 'nativeMode'], repeat: true } } };
const virtualport: ElementSpec = {
  attrs: ['type'],
  children: { parameters: { attrs: ['managerid', 'typeid', 'typeidversion', 'instanceid', 'profileid', 'interfaceid'] } },
};

/** Every element and attribute libvirt's network XML knows (network_conf.c, 9.0, plus title/description/register). */
export const NETWORK_VOCABULARY: ElementSpec = {
  // `connections` is output-only (live XML); libvirt ignores it when parsing.
  attrs: ['ipv6', 'trustGuestRxFilters', 'connections'],
  children: {
    name: { text: true },
    uuid: { text: true },
    title: { text: true },
    description: { text: true },
    metadata: { any: true },
    forward: {
      attrs: ['mode', 'dev', 'managed'],
      children: {
        interface: { attrs: ['dev', 'connections'], repeat: true },
        address: { attrs: ['type', 'domain', 'bus', 'slot', 'function', 'multifunction'], repeat: true },
        pf: { attrs: ['dev'], repeat: true },
        driver: { attrs: ['name'] },
        nat: {
          attrs: ['ipv6'],
          repeat: true,
          children: { address: { attrs: ['start', 'end'], repeat: true }, port: { attrs: ['start', 'end'], repeat: true } },
        },
      },
    },
    bridge: { attrs: ['name', 'stp', 'delay', 'macTableManager', 'zone'] },
    mtu: { attrs: ['size'] },
    mac: { attrs: ['address'] },
    domain: { attrs: ['name', 'localOnly', 'register'] },
    dns: {
      attrs: ['enable', 'forwardPlainNames'],
      children: {
        forwarder: { attrs: ['domain', 'addr'], repeat: true },
        txt: { attrs: ['name', 'value'], repeat: true },
        host: { attrs: ['ip'], repeat: true, children: { hostname: { text: true, repeat: true } } },
        srv: { attrs: ['service', 'protocol', 'domain', 'target', 'port', 'priority', 'weight'], repeat: true },
      },
    },
    ip: {
      attrs: ['address', 'netmask', 'prefix', 'family', 'localPtr'],
      repeat: true,
      children: {
        dhcp: {
          children: {
            range: { attrs: ['start', 'end'], repeat: true, children: { lease } },
            host: { attrs: ['mac', 'id', 'name', 'ip'], repeat: true, children: { lease } },
            bootp: { attrs: ['file', 'server'] },
          },
        },
        tftp: { attrs: ['root'] },
      },
    },
    route: { attrs: ['family', 'address', 'netmask', 'prefix', 'gateway', 'metric'], repeat: true },
    bandwidth,
    vlan,
    port: { attrs: ['isolated'] },
    virtualport,
    portgroup: {
      attrs: ['name', 'default', 'trustGuestRxFilters'],
      repeat: true,
      children: { vlan, virtualport, bandwidth },
    },
    [`{${DNSMASQ_NAMESPACE}}options`]: { children: { [`{${DNSMASQ_NAMESPACE}}option`]: { attrs: ['value'], repeat: true } } },
  },
};

/** The vocabulary key of an element: its local name, or `{uri}local` when it has a namespace. */
export function vocabularyKey(element: XmlElement): string {
  return element.namespaceURI ? `{${element.namespaceURI}}${element.localName}` : element.localName;
}

// Levenshtein distance, for "did you mean" hints.
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function hint(name: string, known: readonly string[]): string {
  const best = known.filter((k) => !k.startsWith('{')).map((k) => [k, distance(name.toLowerCase(), k.toLowerCase())] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 2 ? ` (did you mean '${best[0]}'?)` : '';
}

/** Problems found by checkVocabulary, by kind. */
export interface VocabularyProblems {
  readonly unknownElements: Problem[];
  readonly unknownAttributes: Problem[];
  readonly duplicates: Problem[];
}

/** Walks the document against `spec`, collecting every element/attribute libvirt does not know. */
export function checkVocabulary(element: XmlElement, spec: ElementSpec, file: string, found: VocabularyProblems): void {
  const at = (e: XmlElement) => ({ file, line: e.line, column: e.column });
  if (spec.any) return;
  for (const attr of element.attributes) {
    const key = attr.namespaceURI ? `{${attr.namespaceURI}}${attr.localName}` : attr.name;
    if (!spec.attrs?.includes(key)) {
      const suggestion = hint(attr.name, spec.attrs ?? []);
      found.unknownAttributes.push({ ...at(element), message: `Unknown attribute '${attr.name}' on <${element.name}>: libvirt's network format has no such attribute${suggestion}` });
    }
  }
  const seen = new Set<string>();
  for (const child of element.children) {
    if (child.kind === 'text' || child.kind === 'cdata') {
      if (!spec.text && child.text.trim() !== '') {
        found.unknownElements.push({ file, line: child.line, column: child.column, message: `Unexpected text '${child.text.trim()}' inside <${element.name}>: libvirt's network format has no text there` });
      }
      continue;
    }
    if (child.kind !== 'element') continue;
    const key = vocabularyKey(child);
    const childSpec = spec.children?.[key];
    if (!childSpec) {
      const suggestion = hint(child.name, Object.keys(spec.children ?? {}));
      found.unknownElements.push({ ...at(child), message: `Unknown element <${child.name}> inside <${element.name}>: libvirt's network format has no such element${suggestion}` });
      continue;
    }
    if (seen.has(key) && !childSpec.repeat) {
      found.duplicates.push({ ...at(child), message: `Element <${child.name}> appears more than once inside <${element.name}>: libvirt reads only the first one` });
    }
    seen.add(key);
    checkVocabulary(child, childSpec, file, found);
  }
}
