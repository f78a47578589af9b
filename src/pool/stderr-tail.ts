/** The last `keep` characters a worker wrote to stderr, for its crash report. */
export interface StderrTail {
  push(chunk: Buffer | string): void;
  text(): string;
}

/** Keeps the tail of a stream of text without holding all of it. */
export function stderrTail(keep = 4096): StderrTail {
  let text = '';
  return {
    push(chunk) {
      text = (text + chunk.toString()).slice(-keep);
    },
    text: () => text.trim(),
  };
}
