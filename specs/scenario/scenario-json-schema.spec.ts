import { STEP_VERBS } from '../../src/scenario/step-schema.js';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/scenario-json-schema.js';

describe('scenarioJsonSchema', () => {
  // Regenerate the committed file with: npx vitest run specs/scenario/scenario-json-schema.spec.ts -u
  it('matches the committed schema/scenario.schema.json', async () => {
    await expect(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`).toMatchFileSnapshot('../../schema/scenario.schema.json');
  });

  it('offers every step verb and forbids unknown keys, so editors complete and flag them', () => {
    const schema = scenarioJsonSchema() as { properties: { steps: { items: { anyOf: { properties: object; additionalProperties: boolean }[] } } }; additionalProperties: boolean };
    const branches = schema.properties.steps.items.anyOf;
    expect(branches.map((b) => Object.keys(b.properties)[0])).toEqual([...STEP_VERBS]);
    expect(branches.every((b) => b.additionalProperties === false)).toBe(true);
    expect(schema.additionalProperties).toBe(false);
  });
});
