import type { ScenarioResult } from '../scenario/scenario-result.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderPretty } from './render-pretty.js';
import { renderTap } from './render-tap.js';

/** The reporters the CLI offers. */
export type ReporterName = 'pretty' | 'tap' | 'junit' | 'json';

export const REPORTER_NAMES: readonly ReporterName[] = ['pretty', 'tap', 'junit', 'json'];

/** Renders results with one reporter; `colour` only affects pretty. */
export function renderReport(name: ReporterName, results: readonly ScenarioResult[], options: { colour?: boolean } = {}): string {
  switch (name) {
    case 'pretty':
      return renderPretty(results, options);
    case 'tap':
      return renderTap(results);
    case 'junit':
      return renderJunit(results);
    case 'json':
      return renderJson(results);
  }
}
