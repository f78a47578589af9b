import type { MetadataElement, MetadataNode } from '../model/network-def.js';
import type { XmlBuffer } from './xml-buffer.js';

// xmlEscapeContent: text keeps everything but < > & and carriage returns.
const escapeText = (text: string) => text.replace(/[<>&\r]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' })[c]!);

// xmlBufAttrSerializeTxtContent with no document: non-ASCII becomes a hex character reference.
const escapeAttr = (value: string) =>
  Array.from(value)
    .map((c) => {
      const special: Record<string, string> = { '\n': '&#10;', '\r': '&#13;', '\t': '&#9;', '"': '&quot;', '<': '&lt;', '>': '&gt;', '&': '&amp;' };
      if (special[c]) return special[c];
      const code = c.codePointAt(0)!;
      return code >= 0x80 ? `&#x${code.toString(16).toUpperCase()};` : c;
    })
    .join('');

// xmlBufWriteQuotedString for namespace URIs.
const quote = (value: string) => (!value.includes('"') ? `"${value}"` : !value.includes("'") ? `'${value}'` : `"${value.replace(/"/g, '&quot;')}"`);

/** A piece of output: structural newlines can be re-indented, content newlines cannot. */
interface Out {
  text: string;
  continuations: number[];
}

function write(out: Out, text: string, content: boolean): void {
  if (content) for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.continuations.push(out.text.length + i);
  out.text += text;
}

// xmlNodeDumpOutputInternal with format=1 and xmlIndentTreeOutput=1.
function dump(out: Out, node: MetadataNode, level: number, format: boolean, isRoot: boolean): void {
  const indent = format && !isRoot ? '  '.repeat(Math.min(level, 30)) : '';
  switch (node.kind) {
    case 'text':
      write(out, escapeText(node.text), true);
      return;
    case 'cdata':
      write(out, `<![CDATA[${node.text}]]>`, true);
      return;
    case 'comment':
      write(out, indent, false);
      write(out, `<!--${node.text}-->`, true);
      return;
    case 'pi':
      write(out, indent, false);
      write(out, `<?${node.target}${node.data ? ` ${node.data}` : ''}?>`, true);
      return;
    case 'element': {
      write(out, indent, false);
      write(out, `<${node.name}`, false);
      for (const ns of node.namespaces) write(out, ` xmlns${ns.prefix ? `:${ns.prefix}` : ''}=${quote(ns.uri)}`, true);
      for (const attr of node.attributes) write(out, ` ${attr.name}="${escapeAttr(attr.value)}"`, true);
      if (node.children.length === 0) {
        write(out, '/>', false);
        return;
      }
      // A text, CDATA or entity child switches formatting off for the whole subtree.
      const childFormat = format && !node.children.some((c) => c.kind === 'text' || c.kind === 'cdata');
      write(out, childFormat ? '>\n' : '>', false);
      for (const c of node.children) {
        dump(out, c, level + 1, childFormat, false);
        if (childFormat) write(out, '\n', false);
      }
      write(out, childFormat ? '  '.repeat(Math.min(level, 30)) : '', false);
      write(out, `</${node.name}>`, false);
    }
  }
}

/**
 * virXMLFormatMetadata: libxml2's xmlNodeDump of the kept `<metadata>` at level indent/2 with
 * formatting on, its leading spaces skipped, added to the buffer with a newline.
 */
export function formatMetadata(buf: XmlBuffer, metadata: MetadataElement | undefined): void {
  if (!metadata) return;
  const out: Out = { text: '', continuations: [] };
  dump(out, metadata, Math.floor(buf.getIndent() / 2), true, true);
  buf.add(`${out.text}\n`, out.continuations);
}
