import type { Document, Node as XmlNode } from '@xmldom/xmldom';
import xpath from 'xpath';
import type { XPathExpected } from './expectation.js';
import { parseXml } from './parse-xml.js';

/** The outcome of one query, ready to compare and show. */
export interface XPathCheck {
  readonly pass: boolean;
  /** What the query gave, as shown in a failure. */
  readonly actual: string;
  /** Set when the query could not run (stdin not XML, unknown namespace prefix...). */
  readonly error?: string;
}

/** The message of a syntax error in an XPath expression, or null (scenario validation calls it). */
export function xpathSyntaxError(query: string): string | null {
  try {
    // xpath's parser is exported at runtime but missing from its type declarations.
    (xpath as unknown as { parse(expression: string): unknown }).parse(query);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Runs `query` on an XML text and compares it with `expected` by XPath's own conversions
 * (string(), number(), boolean() of the result), or node by node for a list.
 */
export function checkXPath(text: string, query: string, expected: XPathExpected): XPathCheck {
  const parsed = parseXml(text);
  if ('error' in parsed) return { pass: false, actual: '(stdin is not XML)', error: `stdin is not well-formed XML: ${parsed.error}` };
  let result: xpath.SelectReturnType;
  try {
    const select = xpath.useNamespaces(declaredNamespaces(parsed.document));
    result = select(query, parsed.document as unknown as Node);
  } catch (error) {
    return { pass: false, actual: '(query failed)', error: `XPath ${query} failed: ${(error as Error).message}` };
  }
  const nodes = Array.isArray(result) ? result.map(stringValue) : null;
  if (Array.isArray(expected)) {
    const actual = nodes ?? [scalarString(result as xpath.SelectedValue)];
    return { pass: actual.length === expected.length && actual.every((v, i) => v === expected[i]), actual: JSON.stringify(actual) };
  }
  if (typeof expected === 'boolean') {
    const actual = nodes ? nodes.length > 0 : toBoolean(result as xpath.SelectedValue);
    return { pass: actual === expected, actual: String(actual) };
  }
  const asString = nodes ? (nodes[0] ?? '') : scalarString(result as xpath.SelectedValue);
  if (typeof expected === 'number') {
    const actual = typeof result === 'number' ? result : Number(asString.trim() === '' ? NaN : asString);
    return { pass: actual === expected, actual: String(actual) };
  }
  const shown = nodes && nodes.length === 0 ? '(no node matched)' : asString;
  return { pass: asString === expected && !(nodes && nodes.length === 0), actual: shown };
}

/** Every `xmlns:prefix` declared in the document, so queries can use the document's own prefixes. */
function declaredNamespaces(document: Document): Record<string, string> {
  const map: Record<string, string> = {};
  const visit = (node: XmlNode) => {
    const attributes = (node as unknown as Element).attributes;
    if (attributes) {
      for (let i = 0; i < attributes.length; i++) {
        const attr = attributes.item(i)!;
        if (attr.name.startsWith('xmlns:') && !(attr.name.slice(6) in map)) map[attr.name.slice(6)] = attr.value;
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  visit(document);
  return map;
}

function stringValue(node: Node): string {
  return xpath.isAttribute(node) ? node.value : (node.textContent ?? '');
}

function scalarString(value: xpath.SelectedValue): string {
  if (value === null) return '';
  if (typeof value === 'object') return stringValue(value);
  return String(value);
}

function toBoolean(value: xpath.SelectedValue): boolean {
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return Boolean(value);
}
