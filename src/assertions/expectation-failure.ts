/** One expectation that did not hold, with what was expected and what happened. */
export interface ExpectationFailure {
  /** Where the expectation sits, relative to the `expect:` that holds it (`calls[1].stdin.equals`). */
  readonly path: string;
  /** One line saying what went wrong. */
  readonly message: string;
  readonly expected?: string;
  readonly actual?: string;
  /** A unified line diff (`-` expected, `+` actual), for whole documents. */
  readonly diff?: readonly string[];
  /** Index into `recording.invocations` of the script run this failure is about. */
  readonly invocation?: number;
  /** The hooks that ran instead, when an expected hook did not run. */
  readonly ranInstead?: readonly string[];
  /** The hook an expectation named that never ran (so a caller can look at the file). */
  readonly missingHook?: string;
  /** A hint about a likely cause (`network.d/10-first never ran: is it executable?`). */
  readonly hint?: string;
}

/** Prefixes the failures' paths with the place their expectation sits (`steps[2].expect`). */
export function prefixFailures(prefix: string, failures: readonly ExpectationFailure[]): ExpectationFailure[] {
  return failures.map((f) => ({ ...f, path: f.path === '' ? prefix : `${prefix}.${f.path}` }));
}
