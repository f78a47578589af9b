import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from '../../src/runner/frame-codec.js';

describe('frame codec', () => {
  it('decodes frames however the stream is chunked', () => {
    const frame = fc.record({ header: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), payload: fc.uint8Array({ maxLength: 300 }) });
    fc.assert(fc.property(fc.array(frame, { maxLength: 5 }), fc.array(fc.nat(40), { maxLength: 20 }), (frames, cuts) => {
      const bytes = Buffer.concat(frames.map((f) => encodeFrame(f.header, f.payload)));
      const decoder = new FrameDecoder();
      const decoded = [];
      let at = 0;
      for (const cut of [...cuts, bytes.length]) {
        const next = Math.min(bytes.length, at + cut);
        decoded.push(...decoder.push(bytes.subarray(at, next)));
        at = next;
      }
      expect(decoded.map((f) => ({ header: f.header, payload: new Uint8Array(f.payload) }))).toEqual(frames);
    }), { numRuns: 200 });
  });
});
