import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pid } from 'node:process';
import { afterEach, expect, it } from 'vitest';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import { DoublesSlot } from '../../src/runner/doubles-slot.js';
import { PYTHON } from './sandbox-runner.js';

const slots: DoublesSlot[] = [];
afterEach(async () => {
  for (const slot of slots.splice(0)) await slot.dispose();
});

/** Sends raw bytes to a socket the way a shim does (write, half-close, read to EOF). */
function exchange(path: string, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(path, () => socket.end(data));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

function request(path: string): Buffer {
  const head = Buffer.alloc(24);
  head.write('VHD1');
  head.writeUInt32BE(Buffer.byteLength(path), 4);
  head.writeUInt32BE(1, 16);
  head.writeUInt32BE(0xffffffff, 20);
  return Buffer.concat([head, Buffer.from(path), Buffer.from('/')]);
}

const stderrOf = (reply: Buffer) => reply.subarray(12 + reply.readUInt32BE(4)).toString();

it('writes a shim naming the interpreter and the slot\'s socket, and removes everything on dispose', async () => {
  const slot = await DoublesSlot.create(PYTHON);
  expect(readFileSync(slot.shim, 'utf8')).toMatch(new RegExp(`^#!${PYTHON} -IS\n[^]*SOCKET = "${join(slot.dir, 'control.sock')}"`));
  expect(statSync(slot.shim).mode & 0o777).toBe(0o755);
  slot.materialize([{ dir: join(slot.viewRoot, 'v1'), names: ['iptables', '['] }]);
  expect(statSync(join(slot.viewRoot, 'v1', '[')).ino).toBe(statSync(slot.shim).ino);
  await slot.dispose();
  expect(existsSync(slot.dir)).toBe(false);
});

it('answers and records only while a run is current; refuses late and malformed calls', async () => {
  const slot = await DoublesSlot.create(PYTHON);
  slots.push(slot);
  const control = join(slot.dir, 'control.sock');
  const late = await exchange(control, request('/sbin/iptables'));
  expect(late.readInt32BE(0)).toBe(127);
  expect(stderrOf(late)).toBe('virthook: /sbin/iptables ran after its hook finished; no double answers it.\n');
  expect(stderrOf(await exchange(control, Buffer.from('nonsense')))).toBe('virthook: a command double sent a malformed request\n');
  const doubles = createCommandDoubles({ doubles: { iptables: { replies: [{ exit: 3 }] } } });
  const iptables = doubles.config.commands.find((c) => c.command === 'iptables')!;
  slot.begin({ script: 'network', doubles, resolve: (path) => (path === '/sbin/iptables' ? { command: 'iptables', double: iptables } : null) });
  expect((await exchange(control, request('/sbin/iptables'))).readInt32BE(0)).toBe(3);
  expect(slot.end().commands).toMatchObject([{ script: 'network', command: 'iptables', path: '/sbin/iptables', argv: [], stdin: null, cwd: '/', outcome: 'double' }]);
  expect(slot.end()).toEqual({ commands: [], violations: [] });
});

it('names its directory after the owning process, so that removeLeftBy(pid) clears what a killed owner left', async () => {
  const slot = await DoublesSlot.create(PYTHON);
  slots.push(slot);
  expect(basename(slot.dir)).toMatch(new RegExp(`^virthook-doubles-${pid}-`));
  // A dead owner's directory (a pid no process has), and one of another owner that must stay.
  const dead = mkdtempSync(join(tmpdir(), 'virthook-doubles-4194305-'));
  const other = mkdtempSync(join(tmpdir(), 'virthook-doubles-41943050-'));
  mkdirSync(join(dead, 'views/v1'), { recursive: true });
  DoublesSlot.removeLeftBy(4194305);
  expect([existsSync(dead), existsSync(other), existsSync(slot.dir)]).toEqual([false, true, true]);
  rmSync(other, { recursive: true });
});
