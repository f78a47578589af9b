/**
 * libxml2's first well-formedness error in an attribute value that libvirt formatted without
 * escaping (xmlParseAttValueComplex, xmlParseEntityRef, xmlParseCharRef, xmlParseStartTag2), with
 * where its cursor stood: what libvirt's catchXMLError prints when it parses its own output again.
 */
export interface LibxmlError {
  /** libxml2's message without its trailing newline (`EntityRef: expecting ';'`). */
  readonly message: string;
  /** Index in the line of libxml2's input cursor when it reported the error. */
  readonly at: number;
}

const PREDEFINED_ENTITIES = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
// xmlIsNameStartChar / xmlIsNameChar for ASCII; non-ASCII letters are name characters.
const isNameStart = (c: string | undefined) => c !== undefined && (/[A-Za-z_:]/.test(c) || c.charCodeAt(0) >= 0xc0);
const isNameChar = (c: string | undefined) => c !== undefined && (isNameStart(c) || /[0-9.\-]/.test(c) || c.charCodeAt(0) === 0xb7);
// IS_CHAR: the characters XML 1.0 allows.
const isXmlChar = (v: number) => v === 0x9 || v === 0xa || v === 0xd || (v >= 0x20 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfffd) || (v >= 0x10000 && v <= 0x10ffff);

function nameEnd(line: string, from: number): number {
  if (!isNameStart(line[from])) return from;
  let i = from + 1;
  while (isNameChar(line[i])) i++;
  return i;
}

// xmlParseCharRef at `&#`: digits up to ';', the value a valid XML character.
function charRefError(line: string, amp: number): LibxmlError | { end: number } {
  const hex = line[amp + 2] === 'x';
  let i = amp + (hex ? 3 : 2);
  let value = 0;
  while (line[i] !== ';') {
    const digit = hex ? /[0-9a-fA-F]/.test(line[i] ?? '') : /[0-9]/.test(line[i] ?? '');
    if (!digit) return { message: `CharRef: invalid ${hex ? 'hexadecimal' : 'decimal'} value`, at: i };
    value = Math.min(value * (hex ? 16 : 10) + parseInt(line[i]!, 16), 0x110000);
    i++;
  }
  i++;
  if (value >= 0x110000) return { message: 'xmlParseCharRef: character reference out of bounds', at: i };
  if (!isXmlChar(value)) return { message: `xmlParseCharRef: invalid xmlChar value ${value}`, at: i };
  return { end: i };
}

// xmlParseEntityRef after `&`: a name, a ';', and one of the five predefined entities (no DTD).
function entityRefError(line: string, amp: number): LibxmlError | { end: number } {
  if (line[amp + 1] === '#') return charRefError(line, amp);
  const end = nameEnd(line, amp + 1);
  if (end === amp + 1) return { message: 'xmlParseEntityRef: no name', at: amp + 1 };
  if (line[end] !== ';') return { message: "EntityRef: expecting ';'", at: end };
  const name = line.slice(amp + 1, end);
  if (!PREDEFINED_ENTITIES.has(name)) return { message: `Entity '${name}' not defined`, at: end + 1 };
  return { end: end + 1 };
}

// xmlParseStartTag2 after a value ended early: blanks then another attribute, or the tag's end.
function afterValueError(line: string, from: number): LibxmlError | null {
  if (line[from] === '>' || line.startsWith('/>', from)) return null;
  if (!isBlank(line[from])) return { message: 'attributes construct error', at: from };
  let i = from;
  while (isBlank(line[i])) i++;
  if (line[i] === '>' || line.startsWith('/>', i)) return null;
  const end = nameEnd(line, i);
  if (end === i) return { message: 'error parsing attribute name', at: i };
  let j = end;
  while (isBlank(line[j])) j++;
  if (line[j] !== '=') return { message: `Specification mandates value for attribute ${line.slice(i, end)}`, at: j };
  j++;
  while (isBlank(line[j])) j++;
  if (line[j] !== "'" && line[j] !== '"') return { message: 'AttValue: " or \' expected', at: j };
  // A second quoted value: libvirt's own text follows; not modelled further.
  return null;
}

/**
 * The first error libxml2 reports for the `quote`-delimited attribute value starting at
 * `valueStart` in `line`, or null when the line parses (possibly to another value).
 */
export function libxmlAttributeError(line: string, valueStart: number, quote: "'" | '"' = "'"): LibxmlError | null {
  let i = valueStart;
  while (i < line.length) {
    const c = line[i];
    if (c === quote) return afterValueError(line, i + 1);
    if (c === '<') return { message: "Unescaped '<' not allowed in attributes values", at: i };
    if (c === '&') {
      const ref = entityRefError(line, i);
      if ('message' in ref) return ref;
      i = ref.end;
      continue;
    }
    i++;
  }
  return { message: 'AttValue: \' expected', at: i };
}
