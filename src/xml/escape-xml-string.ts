// virBufferEscapeString's forbidden_characters: these control characters are dropped silently.
const DROPPED = /[\x01-\x08\x0B\x0C\x0E-\x19]/g;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/**
 * virBufferEscapeString's escaping, the same for attribute values and text: `< > & " '` become
 * entities, the control characters 0x01-0x08, 0x0B, 0x0C and 0x0E-0x19 are dropped, and
 * everything else (tab, newline, carriage return, 0x1A-0x1F, non-ASCII) is copied as is.
 */
export function escapeXmlString(text: string): string {
  return text.replace(DROPPED, '').replace(/[<>&"']/g, (c) => ENTITIES[c]!);
}
