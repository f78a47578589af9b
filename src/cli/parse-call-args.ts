import { parseArgs } from 'node:util';
import { didYouMean } from '../scenario/did-you-mean.js';
import { explainParseError, parseMaxOutput, parseTimeout, usageError } from './usage-error.js';

/** The network hook ops `virthook call` can invoke (virHookNetworkOpType since 5.5). */
export const CALL_OPS = ['start', 'started', 'stopped', 'updated', 'port-created', 'port-deleted'] as const;

export type CallOp = (typeof CALL_OPS)[number];

/** `virthook call HOOKDIR OP --network FILE ...`, validated. */
export interface CallRequest {
  readonly command: 'call';
  readonly hooksDir: string;
  readonly op: CallOp;
  /** The `<network>` definition file. */
  readonly network: string;
  /** The port port-created/port-deleted see: a `<networkport>` file, or a guest's `<interface type='network'>`. */
  readonly port: string | null;
  /** The guest that owns a port built from an `<interface>` (`<owner><name>`); its UUID comes from the seed. */
  readonly owner: string;
  /** `COMMAND SECTION XML` as `virsh net-update` takes them, for the `updated` op. */
  readonly update: string | null;
  readonly libvirt: string;
  readonly seed: string;
  readonly timeoutMs: number | null;
  /** `--max-output`: the output cap per stream, in bytes. */
  readonly maxOutputBytes: number | null;
  readonly debug: boolean;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  network: { type: 'string' },
  port: { type: 'string' },
  owner: { type: 'string' },
  update: { type: 'string' },
  libvirt: { type: 'string' },
  seed: { type: 'string' },
  timeout: { type: 'string' },
  'max-output': { type: 'string' },
  debug: { type: 'boolean' },
} as const;

const EXAMPLE = 'e.g. virthook call hooks started --network networks/nat.xml';

/** Parses `call`'s arguments (after the command word). */
export function parseCallArgs(args: readonly string[]): CallRequest | { readonly command: 'help' } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(explainParseError(error as Error, Object.keys(OPTIONS)));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [hooksDir, op, ...extra] = positionals;
  if (hooksDir === undefined || op === undefined) throw usageError(`virthook call needs a hooks directory and an op (${CALL_OPS.join(', ')}), ${EXAMPLE}`);
  if (extra.length > 0) throw usageError(`virthook call takes one hooks directory and one op; unexpected ${extra.map((e) => `"${e}"`).join(' ')}`);
  if (!(CALL_OPS as readonly string[]).includes(op)) {
    const suggestion = didYouMean(op, CALL_OPS);
    throw usageError(`Unknown op "${op}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (network hook ops: ${CALL_OPS.join(', ')})`);
  }
  if (values.network === undefined) throw usageError(`virthook call needs --network FILE: the network whose hook runs, ${EXAMPLE}`);
  const callOp = op as CallOp;
  if ((callOp === 'port-created' || callOp === 'port-deleted') && values.port === undefined) {
    throw usageError(`${callOp} needs --port FILE: a <networkport> (as virsh net-port-create takes it) or a guest's <interface type='network'>, e.g. --port nic.xml`);
  }
  if (callOp === 'updated' && values.update === undefined) {
    throw usageError(`updated needs --update 'COMMAND SECTION XML' as virsh net-update takes them, e.g. --update "add ip-dhcp-host <host mac='52:54:00:00:00:01' ip='192.0.2.10'/>"`);
  }
  return {
    command: 'call',
    hooksDir,
    op: callOp,
    network: values.network,
    port: values.port ?? null,
    owner: values.owner ?? 'guest',
    update: values.update ?? null,
    libvirt: values.libvirt ?? '9.0',
    seed: values.seed ?? 'virthook',
    timeoutMs: values.timeout === undefined ? null : parseTimeout(values.timeout),
    maxOutputBytes: values['max-output'] === undefined ? null : parseMaxOutput(values['max-output']),
    debug: values.debug ?? false,
  };
}
