import { z } from 'zod';
import { stepExpectSchema } from './expectation-schema.js';

/** The virsh verbs a step can use, in the order of the step schema's branches. */
export const STEP_VERBS = [
  'net-define', 'net-create', 'net-start', 'net-destroy', 'net-undefine', 'net-autostart', 'net-update',
  'daemon-start', 'daemon-stop', 'daemon-restart', 'daemon-reload', 'host-reboot', 'host-link-del',
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
  'daemon-start': noArgument.meta({ description: 'Start libvirtd: hook rescan, daemon start hook, autostart (first start after boot).' }),
  'daemon-stop': noArgument.meta({ description: 'Stop libvirtd gracefully (SIGTERM): rescan, daemon shutdown hook; guests and networks keep running.' }),
  'daemon-restart': noArgument.meta({ description: 'daemon-stop then daemon-start.' }),
  'daemon-reload': noArgument.meta({ description: 'SIGHUP: rescan, daemon reload hook, autostart of inactive autostart networks.' }),
  'host-reboot': noArgument.meta({ description: 'Reboot the host: everything stops, /run is emptied, libvirtd starts and autostarts again.' }),
  'host-link-del': z.string().min(1).meta({ description: '`ip link del BRIDGE`: remove a host device by hand, e.g. a bridge a vetoed start leaked.' }),
} satisfies Record<StepVerb, z.ZodType>;

type VerbValues = typeof verbValues;

/** A step as written: one verb key with its value, and an optional `expect:`. */
export type StepInput = {
  [V in StepVerb]: { readonly [K in V]: z.output<VerbValues[V]> } & { readonly expect?: z.output<typeof stepExpectSchema> };
}[StepVerb];

const branches = STEP_VERBS.map((verb) => z.strictObject({ [verb]: verbValues[verb], expect: stepExpectSchema.optional() }).meta({ title: verb }));

/** One step: exactly one virsh verb with its argument, and an optional `expect:` for that step. */
export const stepSchema = z.union(branches as unknown as [z.ZodType, ...z.ZodType[]]) as unknown as z.ZodType<StepInput>;
