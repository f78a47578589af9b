import { z } from 'zod';
import { libvirtProfile } from '../model/libvirt-profile.js';
import { runExpectSchema } from './expectation-schema.js';
import { doublesSchema } from './doubles-schema.js';
import { maxOutputSchema, stepSchema } from './step-schema.js';

const version = z
  .string({ error: (issue) => (typeof issue.input === 'number' ? 'quote the version, e.g. "9.0": YAML reads an unquoted 9.0 as the number 9' : undefined) })
  .superRefine((text, ctx) => {
    try {
      libvirtProfile(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const MODE_TEXT = 'monolithic: one libvirtd (default); modular: virtnetworkd and virtqemud, each with its own daemon hook calls and hook cache.';
const daemonMode = z.enum(['monolithic', 'modular']);

/**
 * The one validator of scenario files; the JSON Schema for editors is generated from it
 * (schema/scenario.schema.json). It has no transforms: defaults are applied when the scenario is resolved.
 */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'The JSON Schema of this file (for editors).' }),
    name: z.string().min(1).optional().meta({ description: 'Shown in reports. Default: the file name without its extension.' }),
    description: z.string().optional(),
    hooks: z.string().min(1).optional().meta({
      description: 'The hooks directory, laid out like /etc/libvirt/hooks, relative to this file. The CLI flag --hooks overrides it.',
    }),
    libvirt: z
      .union([version, z.array(version).min(1)])
      .optional()
      .meta({ description: 'The libvirt release to simulate, or a list of releases (a matrix). Default: "9.0".' }),
    seed: z.union([z.string(), z.number()]).optional().meta({ description: 'Seed for generated values (UUIDs, MACs, bridge names).' }),
    daemon: z
      .union([
        daemonMode.meta({ description: 'Shorthand for daemon: { mode: ... }. ' + MODE_TEXT }),
        z.strictObject({
          env: z.record(z.string(), z.string()).optional().meta({
            description: "The daemon's environment, in order; replaces the default (the recorded libvirtd's: PATH, HOME, LANG, USER, LOGNAME, TMPDIR).",
          }),
          cwd: z.string().optional().meta({ description: "The daemon's working directory, which hooks inherit. Default: /." }),
          mode: daemonMode.optional().meta({ description: MODE_TEXT }),
        }),
      ])
      .optional(),
    boot: z.literal('fresh').optional().meta({
      description:
        'fresh: the run starts right after the host booted, before any libvirt daemon ran: the daemon is stopped, /run/libvirt is empty and autostart is pending, so a daemon-start step runs the daemon start hook and autostarts (the definitions in networks:/domains: are on disk). Default: the daemon already started after boot and runs.',
    }),
    timeout: z.number().positive().optional().meta({ description: 'Seconds a hook may run before it is killed.' }),
    'max-output': maxOutputSchema.optional().meta({
      description: 'Bytes a hook may write to stdout, and to stderr, before virthook stops it and fails the scenario: a whole number, or e.g. "64K", "16MiB" (powers of 1024). Default: 16 MiB.',
    }),
    networks: z.array(z.string().min(1)).optional().meta({
      description: 'Network definitions (files relative to this file, or inline <network> XML), defined in order before the first step, as net-define would.',
    }),
    domains: z.array(z.string().min(1)).optional().meta({
      description: 'Guest definitions (files relative to this file, or inline <domain> XML), defined in order after the networks, as virsh define would.',
    }),
    'state-files': z.string().min(1).optional().meta({
      description: "A directory laid out like the host's root (run/libvirt/..., etc/libvirt/...): the run starts from those libvirt status files (networks active, ports, guests running) without replaying how they got there.",
    }),
    doubles: doublesSchema.optional(),
    strict: z.boolean().optional().meta({
      description: 'Refuse every command a hook runs that is neither doubled nor allowed (default: on when the CI variable is set).',
    }),
    allow: z.array(z.string().min(1)).optional().meta({ description: 'Commands strict mode lets run for real, on top of the harmless defaults.' }),
    'libvirt-callbacks': z.enum(['flag', 'allow']).optional().meta({
      description: 'flag (default): a hook calling back into libvirt (virsh, libvirt sockets) fails the scenario, as it deadlocks a real libvirtd.',
    }),
    steps: z.array(stepSchema).meta({ description: 'virsh commands, run in order against one simulated daemon.' }),
    expect: runExpectSchema.optional().meta({ description: 'Expectations over the calls of the whole run.' }),
  })
  .meta({ title: 'virthook scenario' });

/** A scenario file as written (after validation, before files are read and defaults applied). */
export type ScenarioInput = z.output<typeof scenarioSchema>;
