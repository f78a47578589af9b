import { isVerbatimElement, type VerbatimElement } from '../model/verbatim-element.js';
import { escapeXmlString } from './escape-xml-string.js';
import { XmlBuffer } from './xml-buffer.js';

/** The start tag's name and attributes, libvirt style (single quotes, virBufferEscapeString). */
export function verbatimOpenTag(element: VerbatimElement): string {
  return `<${element.name}${element.attributes.map(([k, v]) => ` ${k}='${escapeXmlString(v)}'`).join('')}`;
}

/**
 * Writes a kept element the way libvirt's formatters write theirs: `<x .../>` when empty, text
 * content on the same line, child elements indented by two (virXMLFormatElement).
 */
export function formatVerbatim(buf: XmlBuffer, element: VerbatimElement, trailer?: (buf: XmlBuffer) => void): void {
  const open = verbatimOpenTag(element);
  const elements = element.children.some(isVerbatimElement);
  const inner = new Set(element.children.map((c) => (isVerbatimElement(c) ? 'element' : 'text')));
  if (!elements && !trailer) {
    const text = element.children.map((c) => ('text' in c ? c.text : '')).join('');
    buf.add(text === '' ? `${open}/>\n` : `${open}>${escapeXmlString(text)}</${element.name}>\n`);
    return;
  }
  if (inner.has('text') && elements) {
    // Mixed content has no layout to re-create: written as one run.
    buf.add(`${open}>`);
    for (const c of element.children) {
      if (isVerbatimElement(c)) formatVerbatimInline(buf, c);
      else buf.add(escapeXmlString(c.text));
    }
    buf.add(`</${element.name}>\n`);
    return;
  }
  const child = new XmlBuffer(buf.getIndent() + 2);
  for (const c of element.children) if (isVerbatimElement(c)) formatVerbatim(child, c);
  trailer?.(child);
  if (child.content() === '') {
    buf.add(`${open}/>\n`);
    return;
  }
  buf.add(`${open}>\n`);
  appendBuffer(buf, child);
  buf.add(`</${element.name}>\n`);
}

function formatVerbatimInline(buf: XmlBuffer, element: VerbatimElement): void {
  if (element.children.length === 0) {
    buf.add(`${verbatimOpenTag(element)}/>`);
    return;
  }
  buf.add(`${verbatimOpenTag(element)}>`);
  for (const c of element.children) {
    if (isVerbatimElement(c)) formatVerbatimInline(buf, c);
    else buf.add(escapeXmlString(c.text));
  }
  buf.add(`</${element.name}>`);
}

/** Appends what a deeper buffer wrote (already indented), keeping its continuation newlines. */
export function appendBuffer(buf: XmlBuffer, child: XmlBuffer): void {
  const indent = buf.getIndent();
  buf.adjustIndent(-indent);
  buf.add(child.content(), child.continuations());
  buf.adjustIndent(indent);
}
