import { z } from 'zod';
import { BYTE_SIZE_PATTERN, parseByteSize } from './byte-size.js';
import { doublesSchema } from './doubles-schema.js';
import { stepExpectSchema } from './expectation-schema.js';

/** The virsh verbs a step can use, in the order of the step schema's branches. */
export const STEP_VERBS = [
  'net-define', 'net-create', 'net-start', 'net-destroy', 'net-undefine', 'net-autostart', 'net-update',
  'daemon-start', 'daemon-stop', 'daemon-restart', 'daemon-reload', 'host-reboot', 'host-link-del', 'host-kill-dnsmasq',
  'virtnetworkd-idle-exit', 'firewalld-reload',
  'define', 'undefine', 'start', 'destroy', 'shutdown', 'attach-interface', 'detach-interface',
  'save', 'restore', 'migrate-in', 'net-port-create', 'net-port-delete',
  'hook-write', 'hook-remove', 'hook-chmod',
] as const;

export type StepVerb = (typeof STEP_VERBS)[number];

const UPDATE_COMMANDS = ['add', 'add-first', 'add-last', 'delete', 'modify'] as const;
const UPDATE_SECTIONS = [
  'bridge', 'domain', 'ip', 'ip-dhcp-host', 'ip-dhcp-range', 'forward', 'forward-interface',
  'forward-pf', 'portgroup', 'dns-host', 'dns-txt', 'dns-srv',
] as const;

const definition = z.string().min(1).meta({ description: 'A network definition file (relative to the scenario) or inline <network> XML.' });
const networkName = z.string().min(1).meta({ description: 'The network name.' });

// `- daemon-restart:` reads as null in YAML; `true` and `{}` are accepted too.
const noArgument = z.union([z.null(), z.literal(true), z.strictObject({})]);
const daemonName = z.enum(['libvirtd', 'virtnetworkd', 'virtqemud']).meta({ description: 'Which daemon (modular mode); default libvirtd or all.' });
const replayOrder = z.array(z.string().min(1)).meta({
  description: 'The port-created replay order libvirt\'s hash table would give: port UUIDs or "network:mac". Default: from the seed.',
});
const daemonArgument = (order: boolean) =>
  z.union([z.null(), z.literal(true), order ? z.strictObject({ daemon: daemonName.optional(), order: replayOrder.optional() }) : z.strictObject({ daemon: daemonName.optional() })]);
const hookPath = z.string().min(1).meta({ description: 'A path under the hooks directory, e.g. network.d/15-late.' });
const fileMode = z.string().regex(/^0?[0-7]{3}$/, 'an octal mode such as "755" or "0644"').meta({ description: 'An octal mode, quoted: "755".' });
const MAX_OUTPUT_ERROR = { error: 'max-output takes a positive whole number of bytes, or a size such as "64K" or "16MiB" (K, M, G: powers of 1024)' };
/** `max-output:` (scenario and step): bytes per stream before virthook stops a hook. */
export const maxOutputSchema = z.union([
  z.number().int(MAX_OUTPUT_ERROR).positive(MAX_OUTPUT_ERROR).max(Number.MAX_SAFE_INTEGER, MAX_OUTPUT_ERROR),
  z.string().regex(BYTE_SIZE_PATTERN, MAX_OUTPUT_ERROR)
    .refine((text) => !BYTE_SIZE_PATTERN.test(text) || parseByteSize(text) !== null, { error: `max-output is too large: at most ${Number.MAX_SAFE_INTEGER} bytes` }),
]);
const domainName = z.string().min(1).meta({ description: 'The guest (domain) name.' });
const domainDefinition = z.string().min(1).meta({ description: 'A domain definition file (relative to the scenario) or inline <domain> XML.' });

const verbValues = {
  'net-define': definition,
  'net-create': definition,
  'net-start': networkName,
  'net-destroy': networkName,
  'net-undefine': networkName,
  'net-autostart': z.union([
    networkName,
    z.strictObject({ network: networkName, disable: z.boolean().optional().meta({ description: 'virsh net-autostart --disable.' }) }),
  ]),
  'net-update': z.strictObject({
    network: networkName,
    command: z.enum(UPDATE_COMMANDS),
    section: z.enum(UPDATE_SECTIONS),
    xml: z.string().min(1).meta({ description: 'The XML fragment, e.g. "<host mac=\'52:54:00:00:00:01\' ip=\'192.0.2.10\'/>".' }),
    'parent-index': z.number().int().min(0).optional(),
    live: z.boolean().optional().meta({ description: '--live' }),
    config: z.boolean().optional().meta({ description: '--config (neither live nor config means --current).' }),
  }),
  'daemon-start': daemonArgument(true).meta({ description: 'Start libvirtd: hook rescan, daemon start hook, autostart (first start after boot).' }),
  'daemon-stop': daemonArgument(false).meta({ description: 'Stop libvirtd gracefully (SIGTERM): rescan, daemon shutdown hook; guests and networks keep running.' }),
  'daemon-restart': daemonArgument(true).meta({ description: 'daemon-stop then daemon-start.' }),
  'daemon-reload': daemonArgument(false).meta({ description: 'SIGHUP: rescan, daemon reload hook, autostart of inactive autostart networks.' }),
  'host-reboot': noArgument.meta({ description: 'Reboot the host: everything stops, /run is emptied, libvirtd starts and autostarts again.' }),
  'host-link-del': z.string().min(1).meta({ description: '`ip link del BRIDGE`: remove a host device by hand, e.g. a bridge a vetoed start leaked.' }),
  'host-kill-dnsmasq': z.string().min(1).meta({ description: '`kill $(cat /run/libvirt/network/NETWORK.pid)`: end the dnsmasq a started veto leaked (libvirt < 10.8) with the bridge; until then it holds the network\'s IPv4 addresses.' }),
  'virtnetworkd-idle-exit': noArgument.meta({ description: 'virtnetworkd exits after 120 s idle (releases before the idle-exit fix); the next network call restarts it and replays every port.' }),
  'firewalld-reload': noArgument.meta({ description: 'firewalld reloads: no hook runs (libvirt re-adds only its own rules).' }),
  'hook-write': z.strictObject({ path: hookPath, content: z.string(), mode: fileMode.optional().meta({ description: 'Default "755".' }) }).meta({
    description: 'Write a hook script mid-scenario (to a scratch copy of the hooks directory; your files are never changed).',
  }),
  'hook-remove': hookPath.meta({ description: 'Remove a hook file or directory mid-scenario (in the scratch copy).' }),
  'hook-chmod': z.strictObject({ path: hookPath, mode: fileMode }).meta({ description: 'chmod a hook file mid-scenario, e.g. "644" to drop its exec bit.' }),
  define: domainDefinition,
  undefine: domainName,
  start: domainName,
  destroy: domainName,
  shutdown: domainName,
  'attach-interface': z.strictObject({
    domain: domainName,
    type: z.enum(['network', 'bridge']).optional().meta({ description: 'virsh attach-interface TYPE; default network.' }),
    source: z.string().min(1).optional().meta({ description: 'The network (or bridge) to attach to.' }),
    mac: z.string().optional(),
    model: z.string().optional(),
    xml: z.string().min(1).optional().meta({ description: 'A whole <interface> element instead of type/source/mac/model (virsh attach-device).' }),
    live: z.boolean().optional(),
    config: z.boolean().optional(),
  }),
  'detach-interface': z.strictObject({
    domain: domainName,
    type: z.enum(['network', 'bridge']).optional(),
    mac: z.string().optional(),
    live: z.boolean().optional(),
    config: z.boolean().optional(),
    'unplug-ignored': z.boolean().optional().meta({ description: 'The guest ignores the unplug request (no ACPI handling), as the recorded guest without an OS did.' }),
  }),
  save: z.strictObject({ domain: domainName, file: z.string().min(1).meta({ description: 'The save image path (simulated; nothing is written).' }) }),
  restore: z.string().min(1).meta({ description: 'A save image path written by an earlier save step.' }),
  'migrate-in': domainDefinition,
  'net-port-create': z.strictObject({
    network: z.string().min(1),
    port: z.string().min(1).meta({ description: 'A <networkport> file (relative to the scenario) or inline XML; uuid and plug may be left out.' }),
  }),
  'net-port-delete': z.strictObject({ network: z.string().min(1), port: z.string().min(1).meta({ description: 'The port UUID.' }) }),
} satisfies Record<StepVerb, z.ZodType>;

type VerbValues = typeof verbValues;

/** A step as written: one verb key with its value, and an optional `expect:`. */
export type StepInput = {
  [V in StepVerb]: { readonly [K in V]: z.output<VerbValues[V]> } & {
    readonly expect?: z.output<typeof stepExpectSchema>;
    readonly doubles?: Readonly<Record<string, unknown>>;
    readonly strict?: boolean;
    readonly allow?: readonly string[];
    readonly 'libvirt-callbacks'?: 'flag' | 'allow';
    readonly timeout?: number;
    readonly 'max-output'?: number | string;
  };
}[StepVerb];

const branches = STEP_VERBS.map((verb) =>
  z.strictObject({
    [verb]: verbValues[verb],
    expect: stepExpectSchema.optional(),
    doubles: doublesSchema.optional(),
    strict: z.boolean().optional().meta({ description: "Strict mode for this step's hooks, overriding the scenario's." }),
    allow: z.array(z.string().min(1)).optional().meta({ description: "Commands strict mode lets run for real in this step, on top of the scenario's allow list." }),
    'libvirt-callbacks': z.enum(['flag', 'allow']).optional().meta({ description: "flag or allow calls back into libvirt in this step, overriding the scenario's setting." }),
    timeout: z.number().positive().optional().meta({ description: "Seconds each hook of this step may run (overrides the scenario's timeout)." }),
    'max-output': maxOutputSchema.optional().meta({ description: "Output cap per stream for this step's hooks, in bytes (overrides the scenario's max-output)." }),
  }).meta({ title: verb }));

/** One step: exactly one virsh verb with its argument, and an optional `expect:` for that step. */
export const stepSchema = z.union(branches as unknown as [z.ZodType, ...z.ZodType[]]) as unknown as z.ZodType<StepInput>;
