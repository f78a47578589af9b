/** Stable codes for misuse and bad input; tests and callers match on these, never on message text. */
export type VirthookErrorCode =
  | 'XML_MALFORMED'
  | 'XML_UNKNOWN_ELEMENT'
  | 'XML_UNKNOWN_ATTRIBUTE'
  | 'XML_INVALID_VALUE'
  | 'SCENARIO_NOT_FOUND'
  | 'SCENARIO_INVALID'
  | 'HOOKS_DIR_NOT_FOUND'
  | 'HOOK_NOT_FOUND'
  | 'HOOK_NOT_EXECUTABLE'
  | 'HOOK_KILLED_SUPERVISOR'
  | 'OPTIONS_INVALID'
  | 'PROFILE_UNKNOWN'
  | 'DEFINITION_NOT_FOUND'
  | 'SESSION_DISPOSED'
  | 'RECORDING_SPOOL_FAILED'
  | 'INTERNAL';

/** Where a problem sits in a user's file: the file, and the line/column (1-based) when known. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** A path inside a structured file, e.g. `steps[2].net-start`. */
  readonly path?: string;
}

/** One problem among possibly many (validation reports every problem, not just the first). */
export interface Problem extends SourceLocation {
  readonly message: string;
}

/** The single error class virthook throws for misuse and bad configuration. */
export class VirthookError extends Error {
  override readonly name = 'VirthookError';
  readonly code: VirthookErrorCode;
  readonly problems: readonly Problem[];

  constructor(code: VirthookErrorCode, message: string, options: { cause?: unknown; problems?: readonly Problem[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.problems = options.problems ?? [];
  }
}

/** Renders a location as `file:line:column` (the form editors and CI annotate). */
export function formatLocation(loc: SourceLocation): string {
  let text = loc.file;
  if (loc.line !== undefined) text += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) text += `:${loc.column}`;
  return text;
}
