import type { z } from 'zod';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly items?: readonly z.ZodType[];
  readonly in?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Optional, nullable, default... wrappers do not change which keys an object accepts. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return current;
    current = inner;
  }
}

/** The (unwrapped) schemas that could describe the value at `path` (several where a union leaves it open). */
export function schemasAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  let current = [unwrap(root)];
  for (const segment of path) {
    const next: z.ZodType[] = [];
    const visit = (schema: z.ZodType) => {
      const def = defOf(schema);
      if (def.type === 'union') for (const option of def.options ?? []) visit(unwrap(option));
      else if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(unwrap(def.shape[segment]));
      else if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(unwrap(def.element));
      else if (def.type === 'tuple' && typeof segment === 'number' && def.items?.[segment]) next.push(unwrap(def.items[segment]));
      else if (def.type === 'record' && def.valueType) next.push(unwrap(def.valueType));
    };
    current.forEach(visit);
    current = next;
  }
  return current;
}

/** The keys an object at `path` may have (every branch's, where a union leaves it open). */
export function schemaKeysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const keys = new Set<string>();
  const collect = (schema: z.ZodType) => {
    const def = defOf(schema);
    if (def.type === 'union') for (const option of def.options ?? []) collect(unwrap(option));
    else if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
  };
  schemasAt(root, path).forEach(collect);
  return [...keys];
}

/** The options of the union at `path`, in the order zod reports their issues; empty when no union is there. */
export function unionOptionsAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType[] {
  const union = schemasAt(root, path).find((schema) => defOf(schema).type === 'union');
  return union ? (defOf(union).options ?? []).map(unwrap) : [];
}

/** True when `schema` is `target` under optional/default wrappers. */
export const isSchema = (schema: z.ZodType, target: z.ZodType) => unwrap(schema) === unwrap(target);
