import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import { createSession } from '../harness/create-session.js';
import { libvirtProfile, RECORDED_DAEMON_ENV } from '../model/libvirt-profile.js';
import { seededRandom } from '../model/seeded-random.js';
import { createRunner } from '../runner/create-runner.js';
import { parseNetworkXml } from '../xml/parse-network.js';
import { callPlan } from './call/call-plan.js';
import { formatCallReport } from './call/format-call-report.js';
import { portRequestFromFile } from './call/port-request.js';
import { selectiveRunner } from './call/selective-runner.js';
import type { CliIo } from './cli-io.js';
import type { CallRequest } from './parse-call-args.js';
import { usageError } from './usage-error.js';

/**
 * `virthook call HOOKDIR OP --network FILE`: one network hook call as libvirt would make it,
 * for a hook author's fast loop. The simulator walks the network to where libvirt makes the
 * call (define, start...) without running the hooks of those steps, then runs the real scripts
 * for OP and prints their argv, environment, stdin and outcome with virsh's result. Returns 0
 * when every script ran and exited 0, 1 otherwise.
 */
export async function callCommand(request: CallRequest, io: CliIo): Promise<number> {
  const profile = libvirtProfile(request.libvirt);
  if ((request.op === 'port-created' || request.op === 'port-deleted') && profile.portHooks !== 'port') {
    throw usageError(`libvirt ${request.libvirt} has no ${request.op} op (5.5 added it): its network hook gets plugged/unplugged when a guest's interface plugs in`);
  }
  if (request.op === 'updated' && !profile.networkUpdatedHook) throw usageError(`libvirt ${request.libvirt} has no updated op for network hooks`);
  const hooksDir = resolve(io.cwd, request.hooksDir);
  if (!(await stat(hooksDir).then((s) => s.isDirectory(), () => false))) {
    throw new VirthookError('HOOKS_DIR_NOT_FOUND', `hooks directory ${request.hooksDir} not found. Point it at a directory laid out like /etc/libvirt/hooks.`);
  }
  const def = parseNetworkXml(await readInput(io.cwd, request.network, '--network'), request.network);
  const random = seededRandom(`${request.seed}/call`);
  const port = request.port === null ? null : {
    request: portRequestFromFile(await readInput(io.cwd, request.port, '--port'), request.port, def.name, { name: request.owner, uuid: random.uuid() }, random),
    file: request.port,
  };
  const plan = callPlan({ op: request.op, def, file: request.network, port, update: request.update });

  const runner = selectiveRunner(
    createRunner({
      hooksDir,
      profile,
      daemonEnv: RECORDED_DAEMON_ENV,
      ...(request.timeoutMs !== null ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.maxOutputBytes !== null ? { maxOutputBytes: request.maxOutputBytes } : {}),
    }),
    request.op,
  );
  const session = await createSession({ hooksDir, libvirt: request.libvirt, seed: request.seed, runner });
  try {
    for (const command of plan.prepare) {
      const step = await session.run(command);
      if (!step.ok) {
        io.stdout.write(formatCallReport({ libvirt: request.libvirt, hooksDir: request.hooksDir, prepared: [], step: step.step, result: step, calls: [] }).text);
        return 1;
      }
    }
    runner.arm();
    const step = await session.run(plan.final(session.state));
    const prepared = session.steps.slice(0, -1).map((s) => s.step);
    const report = formatCallReport({ libvirt: request.libvirt, hooksDir: request.hooksDir, prepared, step: step.step, result: step, calls: runner.ran });
    io.stdout.write(report.text);
    return report.ok ? 0 : 1;
  } finally {
    await session.dispose();
  }
}

async function readInput(cwd: string, file: string, flag: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VirthookError('DEFINITION_NOT_FOUND', `${flag} ${file}: ${code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? (error as Error).message})`}`, { cause: error });
  }
}
