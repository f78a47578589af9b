import { DOMParser } from '@xmldom/xmldom';
import { VirthookError } from '../errors/virthook-error.js';

/** Where a node starts in the user's file (1-based). */
export interface XmlPosition {
  readonly line: number;
  readonly column: number;
}

/** An attribute; namespace declarations (`xmlns`, `xmlns:p`) are kept apart in `namespaces`. */
export interface XmlAttribute {
  readonly name: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly value: string;
}

/** An element of a read document, with its position for error messages. */
export interface XmlElement extends XmlPosition {
  readonly kind: 'element';
  readonly name: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly attributes: readonly XmlAttribute[];
  readonly namespaces: readonly { readonly prefix: string | null; readonly uri: string }[];
  readonly children: readonly XmlNode[];
  parent: XmlElement | null;
}

/** Any node of a read document. */
export type XmlNode =
  | XmlElement
  | ({ readonly kind: 'text' | 'cdata' | 'comment'; readonly text: string } & XmlPosition)
  | ({ readonly kind: 'pi'; readonly target: string; readonly data: string } & XmlPosition);

const XMLNS = 'http://www.w3.org/2000/xmlns/';

interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  localName?: string | null;
  namespaceURI?: string | null;
  lineNumber?: number;
  columnNumber?: number;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ name: string; localName: string | null; namespaceURI: string | null; value: string; prefix: string | null }>;
  target?: string;
  data?: string;
}

/**
 * xmlParseElementStart / nodePush (libxml2 2.9, as libvirt 9.0 uses it, without XML_PARSE_HUGE):
 * elements nested deeper than xmlParserMaxDepth (256) below the root are refused.
 */
const MAX_DEPTH = 256;

/** Thrown by convert at the first element nested too deeply. */
class ExcessiveDepth extends Error {
  constructor(readonly position: XmlPosition) {
    super(`Excessive depth in document: ${MAX_DEPTH} use XML_PARSE_HUGE option`);
  }
}

function convert(node: DomNode, parent: XmlElement | null, depth = 0): XmlNode | null {
  const pos = { line: node.lineNumber ?? parent?.line ?? 1, column: node.columnNumber ?? parent?.column ?? 1 };
  switch (node.nodeType) {
    case 1: {
      if (depth > MAX_DEPTH) throw new ExcessiveDepth(pos);
      const attributes: XmlAttribute[] = [];
      const namespaces: { prefix: string | null; uri: string }[] = [];
      for (const attr of Array.from(node.attributes ?? [])) {
        if (attr.namespaceURI === XMLNS) namespaces.push({ prefix: attr.name === 'xmlns' ? null : attr.localName, uri: attr.value });
        else attributes.push({ name: attr.name, localName: attr.localName ?? attr.name, namespaceURI: attr.namespaceURI || null, value: attr.value });
      }
      const element: XmlElement = {
        kind: 'element', name: node.nodeName, localName: node.localName ?? node.nodeName,
        namespaceURI: node.namespaceURI || null, attributes, namespaces, children: [], parent, ...pos,
      };
      (element as unknown as { children: XmlNode[] }).children = Array.from(node.childNodes)
        .map((child) => convert(child, element, depth + 1))
        .filter((child): child is XmlNode => child !== null);
      return element;
    }
    case 3: return { kind: 'text', text: node.nodeValue ?? '', ...pos };
    case 4: return { kind: 'cdata', text: node.nodeValue ?? '', ...pos };
    case 8: return { kind: 'comment', text: node.nodeValue ?? '', ...pos };
    case 7: return { kind: 'pi', target: node.target ?? node.nodeName, data: node.data ?? '', ...pos };
    default: return null;
  }
}

/**
 * Reads an XML document with @xmldom/xmldom, keeping the line and column of every element. A
 * document libxml2 would refuse (syntax errors, undefined entities, no root) throws
 * XML_MALFORMED naming `file:line:column`.
 */
export function readXml(text: string, file: string): XmlElement {
  const issues: { message: string; line?: number; column?: number }[] = [];
  const parser = new DOMParser({
    onError: (level: string, message: string, context?: { locator?: { lineNumber?: number; columnNumber?: number } }) => {
      if (level !== 'warning') issues.push({ message, line: context?.locator?.lineNumber, column: context?.locator?.columnNumber });
    },
  });
  let doc: { documentElement: DomNode | null } | undefined;
  try {
    doc = parser.parseFromString(text, 'text/xml') as unknown as { documentElement: DomNode | null };
  } catch (error) {
    const locator = (error as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    const message = (error as Error).message;
    if (!issues.some((i) => i.message === message)) issues.push({ message, line: locator?.lineNumber, column: locator?.columnNumber });
    else issues[issues.length - 1] = { message, line: locator?.lineNumber, column: locator?.columnNumber };
  }
  if (issues.length === 0 && !doc?.documentElement) issues.push({ message: 'missing root element' });
  // xmlParseDocument: no root element is an error at the end of the input ("Document is empty" when it is empty).
  for (const issue of issues) if (!issue.line && issue.message === 'missing root element') Object.assign(issue, { line: text.split('\n').length, column: 1 });
  // xmldom reports content before the first tag before its locator is set: find the quoted text.
  for (const issue of issues) if (!issue.line) Object.assign(issue, positionOf(text, quotedIn(issue.message)));
  let root: XmlElement | undefined;
  if (issues.length === 0) {
    try {
      root = convert(doc!.documentElement!, null) as XmlElement;
    } catch (error) {
      if (!(error instanceof ExcessiveDepth)) throw error;
      issues.push({ message: error.message, ...error.position });
    }
  }
  if (issues.length > 0) {
    const problems = issues.map((i) => ({
      file,
      message: i.message,
      ...(i.line ? { line: i.line } : {}),
      ...(i.line && i.column ? { column: i.column } : {}),
    }));
    const first = problems[0]!;
    const where = [file, first.line, first.column].filter((x) => x !== undefined).join(':');
    throw new VirthookError('XML_MALFORMED', `Malformed XML in ${where}: ${first.message}. Fix the document so that it is well-formed XML.`, { problems });
  }
  return root!;
}

function quotedIn(message: string): string | undefined {
  return /'(.+)'$/s.exec(message)?.[1];
}

/** 1-based line and column of `snippet` in `text`, or of the first character when it is absent. */
function positionOf(text: string, snippet: string | undefined): { line: number; column: number } {
  const index = Math.max(snippet ? text.indexOf(snippet) : 0, 0);
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

/** An element's string-value (XPath `string(.)`): all descendant text and CDATA. */
export function textContent(element: XmlElement): string {
  return element.children.map((c) => (c.kind === 'text' || c.kind === 'cdata' ? c.text : c.kind === 'element' ? textContent(c) : '')).join('');
}
