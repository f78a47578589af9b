import { expect, it } from 'vitest';
import { decodeShimRequest, encodeShimReply } from '../../src/doubles/shim-protocol.js';

function request(parts: { path: string; args: string; env: string; cwd: string; stdin: string | null }): Buffer {
  const blocks = [parts.path, parts.args, parts.env, parts.cwd].map((p) => Buffer.from(p));
  const head = Buffer.alloc(24);
  head.write('VHD1');
  blocks.forEach((b, i) => head.writeUInt32BE(b.length, 4 + 4 * i));
  head.writeUInt32BE(parts.stdin === null ? 0xffffffff : Buffer.byteLength(parts.stdin), 20);
  return Buffer.concat([head, ...blocks, Buffer.from(parts.stdin ?? '')]);
}

it('decodes what the shim sends: NUL-terminated argv and environ, empty arguments kept', () => {
  const data = request({ path: '/sbin/iptables', args: '-L\0\0x y\0', env: 'LC_ALL=C\0PATH=/bin\0', cwd: '/', stdin: 'rules\n' });
  expect(decodeShimRequest(data)).toEqual({ path: '/sbin/iptables', args: ['-L', '', 'x y'], env: ['LC_ALL=C', 'PATH=/bin'], cwd: '/', stdin: Buffer.from('rules\n') });
  expect(decodeShimRequest(request({ path: '/x', args: '', env: '', cwd: '/', stdin: null }))).toMatchObject({ args: [], env: [], stdin: null });
});

it('rejects anything else (wrong magic, truncated, trailing bytes)', () => {
  const data = request({ path: '/x', args: '', env: '', cwd: '/', stdin: '' });
  expect(decodeShimRequest(Buffer.from('XXXX'))).toBeNull();
  expect(decodeShimRequest(data.subarray(0, data.length - 1))).toBeNull();
  expect(decodeShimRequest(Buffer.concat([data, Buffer.from('!')]))).toBeNull();
});

it('encodes a reply as exit status, lengths, stdout then stderr', () => {
  const reply = encodeShimReply({ stdout: 'é\n', stderr: 'e', exitCode: 4 });
  expect(reply.readInt32BE(0)).toBe(4);
  expect(reply.readUInt32BE(4)).toBe(3);
  expect(reply.readUInt32BE(8)).toBe(1);
  expect(reply.subarray(12).toString()).toBe('é\ne');
});
