import { z } from 'zod';
import { scenarioSchema } from './scenario-schema.js';

/**
 * The JSON Schema of scenario files, generated from the one validator, for editors
 * (`# yaml-language-server: $schema=...`). Draft 7, which editors support most widely.
 * The committed copy is schema/scenario.schema.json; a spec keeps it up to date.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
}
