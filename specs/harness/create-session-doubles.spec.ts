import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSession, type SessionOptions } from '../../src/harness/create-session.js';
import type { SessionStep } from '../../src/harness/session.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { availableMechanisms, PYTHON } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';

const hasNamespaces = (await availableMechanisms()).includes('pid-namespace');
let dir: string;

/**
 * At `start`: calls virsh (a call back into libvirt), connects to virtnetworkd's socket (only a
 * listener in the namespace answers) and reads a sysctl (neither doubled nor allowed).
 */
const HOOK = `#!/bin/sh
cat >/dev/null
[ "$2" = start ] || exit 0
virsh net-info "$1" >/dev/null 2>&1; echo "virsh=$?"
${PYTHON} -c 'import socket; s = socket.socket(socket.AF_UNIX); s.connect("/run/libvirt/virtnetworkd-sock")' 2>/dev/null; echo "socket=$?"
sysctl -n kernel.ostype >/dev/null 2>&1; echo "sysctl=$?"
exit 0
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virthook-session-doubles-'));
  await mkdir(join(dir, 'hooks'));
  await writeFile(join(dir, 'hooks/network'), HOOK, { mode: 0o755 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  expect(survivors()).toEqual([]);
});
afterEach(() => vi.unstubAllEnvs());

/** net-start of the oracle's isolated network in a fresh session; the `start` call's step. */
async function start(options: Partial<SessionOptions> = {}): Promise<SessionStep> {
  const session = await createSession({ hooksDir: join(dir, 'hooks'), python: PYTHON, timeoutMs: 10_000, ...options });
  try {
    const xml = await readFile(new URL('../../fixtures/oracle/xml/net-iso.xml', import.meta.url), 'utf8');
    await session.run({ verb: 'net-define', def: parseNetworkXml(xml, 'net-iso.xml'), file: 'net-iso.xml' });
    return await session.run({ verb: 'net-start', network: 'lvo-iso' });
  } finally {
    await session.dispose();
  }
}

const stdout = (step: SessionStep) => String(step.calls[0]?.scripts[0]?.stdout);
const violations = (step: SessionStep) => step.calls.flatMap((call) => call.violations ?? []).map((v) => `${v.kind} ${v.command}`);

describe('createSession: calls back into libvirt are watched by default', () => {
  it('flags virsh (and, in a namespace, libvirt\'s socket) without any doubles option; strict stays off', async () => {
    vi.stubEnv('CI', 'true');
    const step = await start();
    expect(step.ok).toBe(true);
    expect(violations(step)).toEqual(hasNamespaces ? ['libvirt-callback virsh', 'libvirt-callback /run/libvirt/virtnetworkd-sock'] : ['libvirt-callback virsh']);
    expect(step.calls[0]?.commands).toMatchObject([{ command: 'virsh', argv: ['net-info', 'lvo-iso'], outcome: 'double' }]);
    // Not strict even in CI: no doubles were configured, so sysctl ran for real.
    expect(stdout(step)).toMatch(/^virsh=1\nsocket=\d+\nsysctl=0\n$/);
  });

  it("turns the detection off with libvirtCallbacks: 'allow' (virsh a spy) and intercepts nothing with doubles: false", async () => {
    // Outside CI: configured doubles would otherwise be strict, and refuse sysctl.
    vi.stubEnv('CI', '');
    const allowed = await start({ doubles: { libvirtCallbacks: 'allow' } });
    expect(violations(allowed)).toEqual([]);
    expect(allowed.calls[0]?.commands).toMatchObject([{ command: 'virsh', outcome: 'double', reply: { exitCode: 0 } }]);
    expect(stdout(allowed)).toMatch(/^virsh=0\n/);
    const none = await start({ doubles: false });
    expect(violations(none)).toEqual([]);
    expect(none.calls[0]).not.toHaveProperty('commands');
    expect(none.calls[0]).not.toHaveProperty('violations');
  });
});

describe('createSession: strict mode by default in CI when doubles are configured', () => {
  const refused = 'undoubled-command sysctl';

  it('refuses undoubled commands in CI, not outside it, and never against strict: false', async () => {
    const doubles = { doubles: { virsh: {} }, libvirtCallbacks: 'allow' } as const;
    vi.stubEnv('CI', 'true');
    expect(violations(await start({ doubles }))).toContain(refused);
    expect(violations(await start({ doubles: { ...doubles, strict: false } }))).not.toContain(refused);
    vi.stubEnv('CI', 'false');
    expect(violations(await start({ doubles }))).not.toContain(refused);
    expect(violations(await start({ doubles: { ...doubles, strict: true } }))).toContain(refused);
  });
});
