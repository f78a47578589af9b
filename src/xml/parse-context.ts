import type { Problem } from '../errors/virthook-error.js';
import { textContent, type XmlElement } from './read-xml.js';

/** Thrown to abandon the section being parsed once its problem is recorded. */
export class SectionFailed extends Error {}

/**
 * State of one parse: the file name, the problems found so far, and libvirt's ways of reading
 * values (virXMLPropString keeps empty strings; virXPathString treats them as absent).
 */
export class ParseContext {
  readonly problems: Problem[] = [];
  /**
   * VIR_DOMAIN_DEF_PARSE_STATUS: a status file's live definition (runtime ids, aliases, tap names
   * and actual devices are kept) rather than a user's definition.
   */
  readonly status: boolean;

  constructor(readonly file: string, options: { readonly status?: boolean } = {}) {
    this.status = options.status ?? false;
  }

  /** Records a problem at `node` (libvirt's message) and abandons the current section. */
  fail(node: XmlElement, message: string): never {
    this.problems.push({ file: this.file, line: node.line, column: node.column, message });
    throw new SectionFailed(message);
  }

  /** Runs one section, keeping its problem and carrying on with the next section. */
  section(run: () => void): void {
    try {
      run();
    } catch (error) {
      if (!(error instanceof SectionFailed)) throw error;
    }
  }
}

/** virXMLPropString: the attribute, `''` included; undefined when absent. */
export function prop(node: XmlElement | undefined, name: string): string | undefined {
  return node?.attributes.find((a) => a.name === name && a.namespaceURI === null)?.value;
}

/** virXPathString("string(./@name)"): like prop, but an empty value counts as absent. */
export function xpathProp(node: XmlElement | undefined, name: string): string | undefined {
  const value = prop(node, name);
  return value === '' ? undefined : value;
}

/** The first child element named `name` (no namespace), like virXPathNode("./name[1]"). */
export function child(node: XmlElement | undefined, name: string, namespaceURI: string | null = null): XmlElement | undefined {
  return children(node, name, namespaceURI)[0];
}

/** All child elements named `name`, in document order (virXPathNodeSet("./name")). */
export function children(node: XmlElement | undefined, name: string, namespaceURI: string | null = null): XmlElement[] {
  if (!node) return [];
  return node.children.filter((c): c is XmlElement => c.kind === 'element' && c.localName === name && c.namespaceURI === namespaceURI);
}

/** virXPathString("string(./name[1])"): the first child's text, undefined when absent or empty. */
export function childText(node: XmlElement, name: string): string | undefined {
  const found = child(node, name);
  if (!found) return undefined;
  const text = textContent(found);
  return text === '' ? undefined : text;
}
