import type { CommandDouble, CommandReply, ReplyRule } from './doubles-config.js';

/** The reply a double gives when no rule answers: success, no output. */
export const DEFAULT_REPLY: CommandReply = { stdout: '', stderr: '', exitCode: 0 };

/** The reply chosen for one call, and the rule that gave it (null: the default). */
export interface ChosenReply {
  readonly reply: CommandReply;
  readonly rule: number | null;
}

/** Whether a rule's patterns accept these arguments (a rule without patterns accepts every call). */
export function ruleMatches(rule: ReplyRule, args: readonly string[]): boolean {
  if (rule.argv !== undefined && (rule.argv.length !== args.length || rule.argv.some((a, i) => a !== args[i]))) return false;
  return rule.matches === undefined || new RegExp(rule.matches, 'u').test(args.join(' '));
}

/**
 * Picks the reply to one call: the first rule that matches and is not used up (`used[i]` counts
 * the calls rule i answered so far), else exit 0 with no output. Pure: the caller counts.
 */
export function chooseReply(double: CommandDouble, args: readonly string[], used: readonly number[]): ChosenReply {
  const index = double.replies.findIndex((rule, i) => (rule.times === undefined || (used[i] ?? 0) < rule.times) && ruleMatches(rule, args));
  return index < 0 ? { reply: DEFAULT_REPLY, rule: null } : { reply: double.replies[index]!.reply, rule: index };
}
