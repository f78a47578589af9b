import { constants } from 'node:os';

const NAMES = new Map<number, string>();
for (const [name, number] of Object.entries(constants.signals)) {
  // SIGIOT/SIGPOLL/SIGPWR aliases come after the canonical names; keep the first.
  if (!NAMES.has(number)) NAMES.set(number, name);
}

/** The conventional name of a signal number (`9` -> `SIGKILL`); `SIG<n>` when the platform has none. */
export function signalName(signal: number): string {
  return NAMES.get(signal) ?? `SIG${signal}`;
}

/** The number of a signal name (`SIGKILL` -> `9`), or null when unknown. */
export function signalNumber(name: string): number | null {
  const known = (constants.signals as Record<string, number | undefined>)[name];
  if (known !== undefined) return known;
  const match = /^SIG(\d+)$/.exec(name);
  return match ? Number(match[1]) : null;
}
