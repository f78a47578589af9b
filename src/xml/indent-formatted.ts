import type { XmlBuffer } from './xml-buffer.js';

// Continuation newlines of recently formatted texts; only texts that have some are remembered.
const remembered = new Map<string, readonly number[]>();
const REMEMBER_MAX = 64;

/** Returns the buffer's text, remembering its continuation newlines for indentFormatted. */
export function finishFormatted(buf: XmlBuffer): string {
  const text = buf.content();
  const continuations = buf.continuations();
  if (continuations.length > 0) {
    remembered.delete(text);
    remembered.set(text, continuations);
    if (remembered.size > REMEMBER_MAX) remembered.delete(remembered.keys().next().value!);
  }
  return text;
}

/**
 * Indents an element formatted at indent 0 by `by` spaces, as if it had been formatted into a
 * virBuffer already indented by `by`: every line gets the spaces except those that continue a
 * multi-line value (a newline inside one virBuffer add is never indented).
 */
export function indentFormatted(text: string, by: number): string {
  const pad = ' '.repeat(by);
  const skip = new Set(remembered.get(text) ?? []);
  let out = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    if (lineStart) out += pad;
    const c = text[i]!;
    out += c;
    lineStart = c === '\n' && i < text.length - 1 && !skip.has(i);
  }
  return out;
}
