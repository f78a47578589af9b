/** virBitmapFormat: set bits as comma-separated ranges (`0-2,5`); empty for no bit. */
export function formatBitmap(bits: Iterable<number>): string {
  const sorted = [...new Set(bits)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * virBitmapParseUnlimited: `N`, `N-M` and `^N` (clear) separated by commas, blanks allowed around
 * them. Null where libvirt reports "Failed to parse bitmap".
 */
export function parseBitmap(text: string): Set<number> | null {
  const bits = new Set<number>();
  if (text.trim() === '') return bits;
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const match = /^(\^)?(\d+)(?:\s*-\s*(\d+))?$/.exec(item);
    if (!match || (match[1] && match[3] !== undefined)) return null;
    const start = Number(match[2]);
    const end = match[3] === undefined ? start : Number(match[3]);
    if (end < start) return null;
    for (let bit = start; bit <= end; bit++) match[1] ? bits.delete(bit) : bits.add(bit);
  }
  return bits;
}
