import type { SchemaObject } from '@nestjs/swagger';

/** A JSON schema that a documented request example satisfies (types only; every key optional; a null: any value). */
export function schemaOfExample(value: unknown): SchemaObject {
  if (value === null) return {};
  if (Array.isArray(value)) return { type: 'array', items: value.length ? schemaOfExample(value[0]) : {} };
  switch (typeof value) {
    case 'string': return { type: 'string' };
    case 'number': return { type: Number.isInteger(value) ? 'integer' : 'number' };
    case 'boolean': return { type: 'boolean' };
    case 'object': {
      const properties: Record<string, SchemaObject> = {};
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) properties[key] = schemaOfExample(v);
      return { type: 'object', properties };
    }
    default: return {};
  }
}
