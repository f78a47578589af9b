import { indentFormatted } from './indent-formatted.js';

/**
 * networkRunHook's stdin: `<hookData>\n`, each already formatted element (network, then
 * networkport) indented by 2 as virBufferAdjustIndent(buf, 2) does, then `</hookData>` with no
 * trailing newline.
 */
export function formatHookData(parts: readonly string[]): string {
  return `<hookData>\n${parts.map((part) => indentFormatted(part, 2)).join('')}</hookData>`;
}
