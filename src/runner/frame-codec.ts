/** One message of the supervisor protocol: a JSON header and raw bytes. */
export interface Frame {
  readonly header: Record<string, unknown>;
  readonly payload: Buffer;
}

/** Encodes a frame: u32 header length, u32 payload length (big endian), JSON header, payload. */
export function encodeFrame(header: unknown, payload: Uint8Array = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32BE(json.length, 0);
  prefix.writeUInt32BE(payload.length, 4);
  return Buffer.concat([prefix, json, payload]);
}

/** Reassembles frames from stream chunks without re-copying what was already received. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Feeds one chunk; returns every frame it completes. */
  push(chunk: Buffer): Frame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    for (;;) {
      if (this.buffered < 8) break;
      const head = this.peek(8);
      const total = 8 + head.readUInt32BE(0) + head.readUInt32BE(4);
      if (this.buffered < total) break;
      const data = this.take(total);
      const headerEnd = 8 + data.readUInt32BE(0);
      frames.push({ header: JSON.parse(data.toString('utf8', 8, headerEnd)) as Record<string, unknown>, payload: data.subarray(headerEnd) });
    }
    return frames;
  }

  private peek(length: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= length) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(length: number): Buffer {
    const joined = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.chunks = joined.length > length ? [joined.subarray(length)] : [];
    this.buffered -= length;
    return joined.subarray(0, length);
  }
}
