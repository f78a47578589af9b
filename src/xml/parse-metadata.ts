import type { MetadataElement, MetadataNode } from '../model/network-def.js';
import type { XmlElement, XmlNode } from './read-xml.js';

type Namespace = { prefix: string | null; uri: string };

const prefixOf = (qname: string): string | null => (qname.includes(':') ? qname.slice(0, qname.indexOf(':')) : null);

// xmlSearchNs on the original document: the declaration of `prefix` in scope at `node`.
function inScope(node: XmlElement | null, prefix: string | null): Namespace | undefined {
  for (let e = node; e; e = e.parent) {
    const found = e.namespaces.find((ns) => ns.prefix === prefix);
    if (found) return found;
  }
  return undefined;
}

const isBlank = (text: string) => /^[ \t\n\r]*$/.test(text);

// areBlanks (xmlKeepBlanksDefault(0)): whitespace-only text is dropped unless it is the only
// content of its element, follows a text node, or the element starts with text.
function keptChildren(element: XmlElement): XmlNode[] {
  const kept: XmlNode[] = [];
  const all = element.children;
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    if (node.kind === 'text' && isBlank(node.text)) {
      const onlyContent = kept.length === 0 && i === all.length - 1;
      const afterText = kept.at(-1)?.kind === 'text';
      const startsWithText = kept[0]?.kind === 'text';
      if (!onlyContent && !afterText && !startsWithText) continue;
    }
    kept.push(node);
  }
  return kept;
}

/**
 * The `<metadata>` element as libvirt keeps it: parsed with xmlKeepBlanksDefault(0), copied with
 * xmlCopyNode (namespaces declared outside the copy are re-declared on `<metadata>` itself), then
 * virXMLNodeSanitizeNamespaces (top-level children without a namespace, and later ones repeating
 * a namespace, are removed).
 */
export function parseMetadata(source: XmlElement): MetadataElement {
  const rootNamespaces: Namespace[] = [...source.namespaces];
  const declared = (chain: readonly (readonly Namespace[])[], prefix: string | null) => chain.some((nss) => nss.some((ns) => ns.prefix === prefix));

  const copy = (element: XmlElement, chain: readonly (readonly Namespace[])[]): MetadataElement => {
    const own = element === source ? rootNamespaces : [...element.namespaces];
    const scope = [...chain, own];
    // xmlStaticCopyNode / xmlCopyProp: a prefix not declared in the copy is declared on its root.
    const need = (qname: string, namespaceURI: string | null, isAttribute: boolean) => {
      if (!namespaceURI) return;
      const prefix = prefixOf(qname);
      if (isAttribute && prefix === null) return;
      if (prefix === 'xml' || declared([rootNamespaces, ...scope], prefix)) return;
      const original = inScope(element, prefix);
      if (original && !rootNamespaces.some((ns) => ns.prefix === prefix)) rootNamespaces.push(original);
    };
    need(element.name, element.namespaceURI, false);
    for (const attr of element.attributes) need(attr.name, attr.namespaceURI, true);
    const children: MetadataNode[] = [];
    for (const node of keptChildren(element)) {
      if (node.kind === 'element') children.push(copy(node, scope));
      else if (node.kind === 'pi') children.push({ kind: 'pi', target: node.target, data: node.data });
      else children.push({ kind: node.kind, text: node.text });
    }
    return { kind: 'element', name: element.name, namespaces: own, attributes: element.attributes.map((a) => ({ name: a.name, value: a.value })), children };
  };

  const copied = copy(source, []);
  const seen = new Set<string>();
  const sanitized = copied.children.filter((node): node is MetadataElement => {
    if (node.kind !== 'element') return false;
    const uri = namespaceOf(node, [rootNamespaces]);
    if (!uri || seen.has(uri)) return false;
    seen.add(uri);
    return true;
  });
  return { ...copied, namespaces: rootNamespaces, children: sanitized };
}

// The namespace URI an element of the copy is in, resolved through the copy's declarations.
function namespaceOf(element: MetadataElement, outer: readonly (readonly Namespace[])[]): string | undefined {
  const prefix = prefixOf(element.name);
  for (const nss of [element.namespaces, ...[...outer].reverse()]) {
    const found = nss.find((ns) => ns.prefix === prefix);
    if (found) return found.uri || undefined;
  }
  return undefined;
}
