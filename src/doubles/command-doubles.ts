import { VirthookError } from '../errors/virthook-error.js';
import { chooseReply, type ChosenReply } from './choose-reply.js';
import type { CommandDouble, DoublesConfig } from './doubles-config.js';
import { type DoublesOptions, normalizeDoubles } from './normalize-doubles.js';

/**
 * A doubles configuration with its reply counters. Pass the same object to several hook calls to
 * continue sequences and `times` across them; create a new one to start afresh. Calls are answered
 * one at a time (node's event loop), so concurrent calls never share a reply they should not.
 */
export interface CommandDoubles {
  readonly config: DoublesConfig;
  /** Chooses the reply to one call of `double` and counts it. */
  answer(double: CommandDouble, args: readonly string[]): ChosenReply;
}

/**
 * Builds CommandDoubles from options (validated with normalizeDoubles) or from an already
 * normalised config. With `continues`, every double defined exactly as one of `continues`'s
 * (same command, same replies) goes on counting there, so a step that changes `strict` or
 * redefines one double does not restart the other doubles' sequences.
 * @throws VirthookError OPTIONS_INVALID listing every problem of the options.
 */
export function createCommandDoubles(options: DoublesOptions | DoublesConfig, continues?: CommandDoubles): CommandDoubles {
  const config = isConfig(options) ? options : checked(options);
  const counts = new Map<CommandDouble, number[]>();
  const earlier = new Map<CommandDouble, CommandDouble>();
  for (const double of continues ? config.commands : []) {
    const same = continues!.config.commands.find((c) => c.command === double.command && sameReplies(c, double));
    if (same) earlier.set(double, same);
  }
  return {
    config,
    answer(double, args) {
      const same = earlier.get(double);
      if (same) return continues!.answer(same, args);
      const used = counts.get(double) ?? [];
      const chosen = chooseReply(double, args, used);
      if (chosen.rule !== null) {
        used[chosen.rule] = (used[chosen.rule] ?? 0) + 1;
        counts.set(double, used);
      }
      return chosen;
    },
  };
}

/** Replies are plain data (strings, numbers, lists): equal JSON is an equal definition. */
const sameReplies = (a: CommandDouble, b: CommandDouble) => JSON.stringify(a.replies) === JSON.stringify(b.replies);

function isConfig(options: DoublesOptions | DoublesConfig): options is DoublesConfig {
  return Array.isArray((options as DoublesConfig).commands) && typeof (options as DoublesConfig).strict === 'boolean';
}

function checked(options: DoublesOptions): DoublesConfig {
  const { config, problems } = normalizeDoubles(options, { file: 'doubles option' });
  if (problems.length > 0) {
    throw new VirthookError('OPTIONS_INVALID', `Invalid command doubles:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`, { problems });
  }
  return config;
}
