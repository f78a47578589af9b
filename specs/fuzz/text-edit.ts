import fc from 'fast-check';

/** A blind edit of a file's text, as a careless editor, a bad merge or a disk would make. */
export type TextEdit =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'replace-char'; readonly at: number; readonly char: string };

/** Characters that mean something to YAML, JSON or XML, plus the usual invisible troublemakers. */
const SYNTAX = [...'<>/=\'"&;:-[]{}#*!|%@`,?\\', '\t', '\n', '\r', '\0', '\u00a0', '\ufeff', '\u2028', '\ud800'];

const insertion = fc.oneof(
  fc.string({ unit: fc.constantFrom(...SYNTAX), minLength: 1, maxLength: 8 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 16 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
);

/** Any TextEdit; positions are taken modulo the text's length when applied. */
export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: insertion }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace-char' as const), at: fc.nat(), char: fc.constantFrom(...SYNTAX) }),
);

/** Applies `edit` to `text`. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  const at = edit.at % (text.length + 1);
  switch (edit.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = edit.at % lines.length;
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
    }
    case 'replace-char':
      return text.slice(0, at) + edit.char + text.slice(at + 1);
  }
}

/** A one-character typo: inserted, dropped, swapped with its neighbour or replaced. */
export interface Typo {
  readonly op: 'insert' | 'delete' | 'swap' | 'replace';
  readonly at: number;
  readonly char: string;
}

export const typo: fc.Arbitrary<Typo> = fc.record({
  op: fc.constantFrom('insert' as const, 'delete' as const, 'swap' as const, 'replace' as const),
  at: fc.nat(),
  char: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-_.0123456789ABCDEFZ'),
});

/** Applies a typo; the result always differs from `word` (a no-op typo appends the character). */
export function applyTypo(word: string, t: Typo): string {
  const at = word.length === 0 ? 0 : t.at % word.length;
  let out: string;
  switch (t.op) {
    case 'insert':
      out = word.slice(0, at) + t.char + word.slice(at);
      break;
    case 'delete':
      out = word.slice(0, at) + word.slice(at + 1);
      break;
    case 'swap':
      out = word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
      break;
    case 'replace':
      out = word.slice(0, at) + t.char + word.slice(at + 1);
      break;
  }
  return out === word ? `${word}${t.char}` : out;
}
