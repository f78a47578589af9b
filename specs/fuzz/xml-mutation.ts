import fc from 'fast-check';
import { applyTextEdit, applyTypo, type TextEdit, textEdit, type Typo, typo } from './text-edit.js';

/** An edit of an XML definition that knows where tags and attributes are; `pick` chooses which. */
export type XmlEdit =
  | { readonly kind: 'rename-element'; readonly pick: number; readonly typo: Typo; readonly both: boolean }
  | { readonly kind: 'rename-attribute'; readonly pick: number; readonly typo: Typo }
  | { readonly kind: 'attribute-value'; readonly pick: number; readonly value: string }
  | { readonly kind: 'element-text'; readonly pick: number; readonly value: string }
  | { readonly kind: 'delete-line'; readonly pick: number }
  | { readonly kind: 'nest'; readonly pick: number; readonly depth: number; readonly name: string }
  | { readonly kind: 'markup'; readonly pick: number; readonly text: string }
  | { readonly kind: 'text'; readonly edit: TextEdit };

/** A malformed definition: a valid seed with one to three edits. */
export interface XmlMutation {
  readonly seed: number;
  readonly edits: readonly XmlEdit[];
}

/** Values libvirt parses as numbers, addresses, booleans, names: wrong in every way. */
const NASTY = fc.oneof(
  fc.constantFrom(
    '', ' ', '-1', '0', '1', '65536', '4294967296', '18446744073709551616', '99999999999999999999999999', '1.5', '0x1F', '1e3', 'abc',
    'yes', 'no', 'on', 'off', 'default', '52:54:00:zz:00:01', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', '256.1.1.1', '192.0.2.1/33',
    '::1', 'fe80::1%eth0', '2001:db8::/129', '6a1f0c0e-0000-4000-8000-00000000000g', '../../etc/passwd', '&amp;', '&lt;x&gt;', '&quot;',
    'virbr-name-much-longer-than-fifteen', '%s%n', '\u00e9\u{1f600}',
  ),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[<&'"]/g, '')),
  fc.integer().map(String),
);

const MARKUP = fc.constantFrom(
  '&undefined;', '&#0;', '&#xD800;', '&#x110000;', '&#65;', '<![CDATA[ x ]]>', '<!-- a -- b -->', '<!-- ok -->', '<?pi data?>',
  '<x:y xmlns:x="urn:x"/>', '<y:z/>', ' xmlns="urn:other"', ' x:a="1"', '<!DOCTYPE network [<!ENTITY e "x">]>',
  '<?xml version="1.0" encoding="latin1"?>', '</network>', '<network>', '<domain>', '<', '>', '"', "'", '\u0000', '\u000c',
);

const xmlEdit: fc.Arbitrary<XmlEdit> = fc.oneof(
  fc.record({ kind: fc.constant('rename-element' as const), pick: fc.nat(), typo, both: fc.boolean() }),
  fc.record({ kind: fc.constant('rename-attribute' as const), pick: fc.nat(), typo }),
  { arbitrary: fc.record({ kind: fc.constant('attribute-value' as const), pick: fc.nat(), value: NASTY }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('element-text' as const), pick: fc.nat(), value: fc.oneof(NASTY, fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n))) }), weight: 2 },
  fc.record({ kind: fc.constant('delete-line' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('nest' as const), pick: fc.nat(), depth: fc.integer({ min: 1, max: 600 }), name: fc.constantFrom('a', 'ip', 'dhcp', 'devices', 'interface') }),
  fc.record({ kind: fc.constant('markup' as const), pick: fc.nat(), text: MARKUP }),
  fc.record({ kind: fc.constant('text' as const), edit: textEdit }),
);

/** Mutations of the seeds `0..seeds-1`. */
export function xmlMutation(seeds: number): fc.Arbitrary<XmlMutation> {
  return fc.record({ seed: fc.nat({ max: seeds - 1 }), edits: fc.array(xmlEdit, { minLength: 1, maxLength: 3 }) });
}

function matches(text: string, pattern: RegExp): RegExpExecArray[] {
  return [...text.matchAll(new RegExp(pattern.source, 'g'))];
}

function pickOf<T>(list: readonly T[], pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

function splice(text: string, at: number, length: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + length);
}

function applyXmlEdit(text: string, edit: XmlEdit): string {
  switch (edit.kind) {
    case 'rename-element': {
      const tag = pickOf(matches(text, /<([A-Za-z_][\w.:-]*)/), edit.pick);
      if (!tag) return text;
      const name = tag[1]!;
      const renamed = applyTypo(name, edit.typo);
      // Renaming every occurrence keeps the document well formed; renaming one tag does not.
      return edit.both ? text.replace(new RegExp(`(</?)${name.replace(/[.]/g, '\\.')}(?=[\\s/>])`, 'g'), `$1${renamed}`) : splice(text, tag.index! + 1, name.length, renamed);
    }
    case 'rename-attribute': {
      const attribute = pickOf(matches(text, /\s([A-Za-z_][\w.:-]*)=['"]/), edit.pick);
      return attribute ? splice(text, attribute.index! + 1, attribute[1]!.length, applyTypo(attribute[1]!, edit.typo)) : text;
    }
    case 'attribute-value': {
      const value = pickOf(matches(text, /=(['"])([^'"]*)\1/), edit.pick);
      return value ? splice(text, value.index! + 2, value[2]!.length, edit.value) : text;
    }
    case 'element-text': {
      const content = pickOf(matches(text, />([^<]+)</), edit.pick);
      return content ? splice(text, content.index! + 1, content[1]!.length, edit.value) : text;
    }
    case 'delete-line': {
      const lines = text.split('\n');
      lines.splice(edit.pick % lines.length, 1);
      return lines.join('\n');
    }
    case 'nest': {
      const end = pickOf(matches(text, /<[A-Za-z][^>]*[^/]>/), edit.pick);
      if (!end) return text;
      const at = end.index! + end[0].length;
      return splice(text, at, 0, `<${edit.name}>`.repeat(edit.depth) + `</${edit.name}>`.repeat(edit.depth));
    }
    case 'markup': {
      const boundary = pickOf(matches(text, />/), edit.pick);
      return boundary ? splice(text, boundary.index! + 1, 0, edit.text) : edit.text + text;
    }
    case 'text':
      return applyTextEdit(text, edit.edit);
  }
}

/** The text of the mutated definition. */
export function renderXmlMutation(seeds: readonly string[], mutation: XmlMutation): string {
  return mutation.edits.reduce((text, edit) => applyXmlEdit(text, edit), seeds[mutation.seed]!);
}
