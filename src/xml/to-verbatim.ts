import type { VerbatimElement, VerbatimNode } from '../model/verbatim-element.js';
import type { XmlElement } from './read-xml.js';

const isBlank = (text: string) => /^[ \t\n\r]*$/.test(text);

/**
 * Keeps an element libvirt knows but virthook does not model: its name, attributes (namespace
 * declarations included, as written) and children. Whitespace-only text between child elements is
 * layout, not content, and is dropped (libvirt re-indents what it formats); comments are dropped
 * as libvirt's parser does.
 */
export function toVerbatim(element: XmlElement, skip: readonly string[] = []): VerbatimElement {
  const hasElements = element.children.some((c) => c.kind === 'element');
  const children: VerbatimNode[] = [];
  for (const node of element.children) {
    if (node.kind === 'element') {
      if (!skip.includes(node.name)) children.push(toVerbatim(node));
    } else if (node.kind === 'text' || node.kind === 'cdata') {
      if (!(hasElements && isBlank(node.text))) children.push({ text: node.text });
    }
  }
  const attributes: [string, string][] = [
    ...element.namespaces.map((ns): [string, string] => [ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns', ns.uri]),
    ...element.attributes.map((a): [string, string] => [a.name, a.value]),
  ];
  return { name: element.name, attributes, children };
}
