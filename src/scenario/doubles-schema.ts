import { z } from 'zod';
import { regexSyntaxError } from '../assertions/match-text.js';
import { normalizeDoubles } from '../doubles/normalize-doubles.js';

const regex = z.string().superRefine((source, ctx) => {
  const error = regexSyntaxError(source);
  if (error) ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${error}` });
});

const text = z.union([
  z.strictObject({ equals: z.string() }),
  z.strictObject({ contains: z.string() }),
  z.strictObject({ matches: regex }),
]);

/** One expectation on the commands a hook ran through doubles (see src/doubles/check-commands.ts). */
export const commandExpectSchema = z
  .strictObject({
    command: z.string().min(1).meta({ description: 'A command name (`iptables`) or absolute path (`/sbin/iptables`).' }),
    argv: z.array(z.string()).optional().meta({ description: 'The exact arguments (argv[1..]).' }),
    matches: regex.optional().meta({ description: 'A regular expression searched in the arguments joined by spaces.' }),
    stdin: text.optional().meta({ description: 'What the hook redirected into the command.' }),
    env: z.record(z.string().min(1), z.union([z.string(), text, z.null()])).optional().meta({
      description: "Variables of the command's environment: NAME -> exact value, { equals | contains | matches }, or null for unset.",
    }),
    cwd: z.string().min(1).optional().meta({ description: 'The working directory the command ran in, exactly.' }),
    script: z.string().optional().meta({ description: 'The hook script that ran it (`network`, `network.d/10-nat`).' }),
    times: z.number().int().min(0).optional().meta({ description: 'Exactly this many matching calls.' }),
    never: z.boolean().optional().meta({ description: 'No matching call at all.' }),
  })
  .meta({ id: 'CommandExpect' });

/** `commands:` in an expect: a list (mode contains) or `{ mode, calls }`. */
export const commandsExpectSchema = z
  .union([
    z.array(commandExpectSchema),
    z.strictObject({ mode: z.enum(['contains', 'ordered', 'exact']).optional(), calls: z.array(commandExpectSchema) }),
  ])
  .meta({ description: 'Commands the hooks ran through doubles: a list (any order), or { mode: contains | ordered | exact, calls }.' });

/** `doubles:` at scenario or step level: command name or absolute path -> { replies, sequence } (or {} for a spy, false to turn a built-in off). */
export const doublesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((doubles, ctx) => {
    // The doubles' own normaliser is the one validator of their contents.
    for (const problem of normalizeDoubles({ doubles }).problems) {
      const path = (problem.path ?? '').replace(/^doubles\.?/, '').split('.').filter(Boolean);
      ctx.addIssue({ code: 'custom', path, message: problem.message });
    }
  })
  .meta({ description: 'Command doubles: name or absolute path -> { replies: [{ argv | matches, times, stdout, stderr, exit }], sequence: [...] }; {} is a spy.' });
