/** One line of a diff: kept, only in the expected text, or only in the actual text. */
type DiffLine = { readonly kind: ' ' | '-' | '+'; readonly text: string };

/** Beyond this many LCS cells the diff falls back to "all removed, all added" (still correct). */
const MAX_CELLS = 25_000_000;

/**
 * A unified line diff (`-` expected, `+` actual) with `context` unchanged lines around each change,
 * from a longest-common-subsequence alignment. Empty when the texts are equal.
 */
export function lineDiff(expected: string, actual: string, options: { context?: number; labels?: [string, string] } = {}): string[] {
  if (expected === actual) return [];
  const context = options.context ?? 3;
  const [from, to] = options.labels ?? ['expected', 'actual'];
  const lines = align(expected.split('\n'), actual.split('\n'));
  const out = [`--- ${from}`, `+++ ${to}`];
  for (const hunk of hunks(lines, context)) out.push(...hunk);
  return out;
}

function align(a: readonly string[], b: readonly string[]): DiffLine[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length, endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const head = a.slice(0, start).map((text): DiffLine => ({ kind: ' ', text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ kind: ' ', text }));
  return [...head, ...lcs(a.slice(start, endA), b.slice(start, endB)), ...tail];
}

function lcs(a: readonly string[], b: readonly string[]): DiffLine[] {
  const n = a.length, m = b.length;
  if (n * m > MAX_CELLS) {
    return [...a.map((text): DiffLine => ({ kind: '-', text })), ...b.map((text): DiffLine => ({ kind: '+', text }))];
  }
  // table[i][j] = LCS length of a[i..] and b[j..]
  const table = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => table[i * (m + 1) + j]!;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: DiffLine[] = [];
  let i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { out.push({ kind: ' ', text: a[i]! }); i++; j++; }
    else if (at(i + 1, j) >= at(i, j + 1)) out.push({ kind: '-', text: a[i++]! });
    else out.push({ kind: '+', text: b[j++]! });
  }
  while (i < n) out.push({ kind: '-', text: a[i++]! });
  while (j < m) out.push({ kind: '+', text: b[j++]! });
  return out;
}

function hunks(lines: readonly DiffLine[], context: number): string[][] {
  const changed = lines.flatMap((l, i) => (l.kind === ' ' ? [] : [i]));
  const result: string[][] = [];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k]!;
    let last = first;
    while (k + 1 < changed.length && changed[k + 1]! - last <= 2 * context + 1) last = changed[++k]!;
    k++;
    const from = Math.max(0, first - context);
    const to = Math.min(lines.length, last + context + 1);
    const slice = lines.slice(from, to);
    const before = lines.slice(0, from);
    const oldStart = before.filter((l) => l.kind !== '+').length + 1;
    const newStart = before.filter((l) => l.kind !== '-').length + 1;
    const oldCount = slice.filter((l) => l.kind !== '+').length;
    const newCount = slice.filter((l) => l.kind !== '-').length;
    result.push([`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...slice.map((l) => `${l.kind}${l.text}`)]);
  }
  return result;
}

/** GNU diff's convention: an empty range names the line before it. */
const range = (start: number, count: number) => `${count === 0 ? start - 1 : start},${count}`;
