import { escapeXmlString } from './escape-xml-string.js';

/**
 * libvirt's virBuffer as the formatters use it: every add is auto-indented when the buffer is
 * empty or ends with a newline (virBufferAdd), and newlines inside one add are not indented.
 * Those inner newlines are remembered as continuations, so the text can later be re-indented
 * exactly as a deeper virBuffer would have written it (see indentFormatted).
 */
export class XmlBuffer {
  private text = '';
  private indent: number;
  private readonly continuationOffsets: number[] = [];

  constructor(indent = 0) {
    this.indent = indent;
  }

  /** virBufferAdjustIndent. */
  adjustIndent(delta: number): void {
    this.indent += delta;
  }

  /** virBufferGetIndent. */
  getIndent(): number {
    return this.indent;
  }

  /** virBufferAdd / virBufferAsprintf with an already formatted string. */
  add(str: string, continuations?: readonly number[]): void {
    if (str === '' && this.indent === 0) return;
    if (this.text === '' || this.text.endsWith('\n')) this.text += ' '.repeat(this.indent);
    const base = this.text.length;
    if (continuations) {
      for (const offset of continuations) this.continuationOffsets.push(base + offset);
    } else {
      for (let i = str.indexOf('\n'); i !== -1 && i < str.length - 1; i = str.indexOf('\n', i + 1)) {
        this.continuationOffsets.push(base + i);
      }
    }
    this.text += str;
  }

  /** virBufferEscapeString(buf, format, value): nothing at all when value is undefined. */
  addEscaped(format: string, value: string | undefined): void {
    if (value === undefined) return;
    this.add(format.replace('%s', () => escapeXmlString(value)));
  }

  /** The text written so far. */
  content(): string {
    return this.text;
  }

  /** Offsets of newlines after which a deeper buffer would not have indented. */
  continuations(): readonly number[] {
    return this.continuationOffsets;
  }
}
