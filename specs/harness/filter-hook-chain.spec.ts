import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { SessionStep } from '../../src/harness/session.js';
import type { Command } from '../../src/simulator/command.js';
import { guest, iso, nat } from '../simulator/support/sample-host.js';
import { survivors } from '../support/survivors.js';

/** What a script does on restore/migrate after saving its stdin: print an edit of it, print nothing or blanks, or fail. */
type Action = { readonly edit: [string, string]; readonly exit?: number } | 'silent' | 'blank';

const ORIGINAL = "<memory unit='KiB'>65536</memory>";
const memory = (kib: number) => `<memory unit='KiB'>${kib}</memory>`;

const roots: string[] = [];
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }); });

/**
 * A hooks directory of tiny sh scripts (path -> action). Each saves the stdin it got to
 * `seen/NAME.OP` (outside the hooks directory) and acts only on the filter ops.
 */
function filterHooks(scripts: Readonly<Record<string, Action>>) {
  const root = mkdtempSync(join(tmpdir(), 'virthook-filter-'));
  roots.push(root);
  mkdirSync(join(root, 'hooks/qemu.d'), { recursive: true });
  mkdirSync(join(root, 'seen'));
  for (const [path, action] of Object.entries(scripts)) {
    const saved = `${root}/seen/${path.replace('/', '_')}.$2`;
    const act = action === 'silent' ? ':' : action === 'blank' ? "printf '  \\n\\t\\n'"
      : `sed 's/${action.edit[0]}/${action.edit[1]}/g' "${saved}"${action.exit ? `; exit ${action.exit}` : ''}`;
    writeFileSync(join(root, 'hooks', path), `#!/bin/sh\ncat > "${saved}"\ncase "$2" in restore|migrate) ${act} ;; esac\nexit 0\n`, { mode: 0o755 });
  }
  return { hooksDir: join(root, 'hooks'), seen: (script: string, op: string) => readFileSync(join(root, 'seen', `${script.replace('/', '_')}.${op}`), 'utf8') };
}

const SETUP: readonly Command[] = [
  { verb: 'net-create', def: nat(), file: 'nat.xml' },
  { verb: 'net-create', def: iso(), file: 'iso.xml' },
  { verb: 'define', def: guest('qemu'), file: 'vm.xml' },
  { verb: 'start', domain: 'vm' },
  { verb: 'save', domain: 'vm', file: '/var/vm.save' },
];

/** Runs the setup, then `restore` or an incoming migration of the same guest; returns that step. */
async function filtered(hooksDir: string, op: 'restore' | 'migrate'): Promise<SessionStep> {
  const session = await createSession({ hooksDir, libvirt: '9.0' });
  try {
    for (const command of op === 'restore' ? SETUP : SETUP.slice(0, 2)) expect((await session.run(command)).ok).toBe(true);
    return await session.run(op === 'restore' ? { verb: 'restore', file: '/var/vm.save' } : { verb: 'migrate-in', def: guest('qemu'), file: 'vm.xml' });
  } finally {
    await session.dispose();
  }
}

const stdinOf = (step: SessionStep, op: string) => step.calls.find((c) => c.call.op === op)!.call.stdin!;

describe.each(['restore', 'migrate'] as const)('%s filter hooks against real scripts (virHookCall with output)', (op) => {
  it('chains .d scripts: non-empty output replaces the XML for the next script and for prepare; empty output keeps it', async () => {
    const hooks = filterHooks({ qemu: { edit: ['65536', '131072'] }, 'qemu.d/10-quiet': 'silent', 'qemu.d/20-edit': { edit: ['131072', '262144'] } });
    const step = await filtered(hooks.hooksDir, op);
    expect(step.ok).toBe(true);
    expect(hooks.seen('qemu', op)).toContain(ORIGINAL);
    // The main script's output is the accumulated output the first .d script reads.
    expect(hooks.seen('qemu.d/10-quiet', op)).toContain(memory(131072));
    // 10-quiet printed nothing: the accumulated output is unchanged, not reset to the original.
    expect(hooks.seen('qemu.d/20-edit', op)).toContain(memory(131072));
    expect(stdinOf(step, 'prepare')).toContain(memory(262144));
    expect(stdinOf(step, 'started')).toContain(memory(262144));
  });

  it('keeps the XML when every script prints nothing or only whitespace', async () => {
    const hooks = filterHooks({ qemu: 'blank', 'qemu.d/10-quiet': 'silent', 'qemu.d/20-blank': 'blank' });
    const step = await filtered(hooks.hooksDir, op);
    expect(step.ok).toBe(true);
    const incoming = stdinOf(step, op);
    for (const script of ['qemu', 'qemu.d/10-quiet', 'qemu.d/20-blank']) expect(hooks.seen(script, op)).toBe(incoming);
    expect(stdinOf(step, 'prepare')).toContain(ORIGINAL);
  });

  it('without a main script, the first .d script reads the original XML', async () => {
    const hooks = filterHooks({ 'qemu.d/10-edit': { edit: ['65536', '98304'] }, 'qemu.d/20-quiet': 'silent' });
    const step = await filtered(hooks.hooksDir, op);
    expect(hooks.seen('qemu.d/10-edit', op)).toBe(stdinOf(step, op));
    expect(hooks.seen('qemu.d/20-quiet', op)).toContain(memory(98304));
    expect(stdinOf(step, 'prepare')).toContain(memory(98304));
  });

  it('once a script failed, later scripts read the original XML, all of them run, and the operation is refused', async () => {
    const hooks = filterHooks({ qemu: { edit: ['65536', '131072'], exit: 1 }, 'qemu.d/10-edit': { edit: ['65536', '98304'] } });
    const step = await filtered(hooks.hooksDir, op);
    expect(step).toMatchObject({ ok: false, vetoed: true });
    expect(hooks.seen('qemu.d/10-edit', op)).toBe(stdinOf(step, op));
    expect(step.calls.map((c) => c.call.op)).toEqual([op]);
    expect(step.calls[0]!.scripts.map((s) => s.hook)).toEqual(['qemu', 'qemu.d/10-edit']);
  });

  it('leaves no process behind', () => {
    expect(survivors()).toEqual([]);
  });
});
