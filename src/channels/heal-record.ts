import type { z } from 'zod';

export interface Healed<T> {
  value: T;
  /** Fields that were present but invalid, now replaced by their defaults. */
  repaired: string[];
}

/**
 * Reads a stored record field by field: a field that is invalid takes its default and the rest
 * is kept, so one damaged field never costs a channel its other settings. A missing field takes
 * its default silently (records written before the field existed).
 */
export function healRecord<S extends z.ZodObject>(schema: S, defaults: z.infer<S>, stored: unknown): Healed<z.infer<S>> {
  const whole = schema.safeParse(stored);
  if (whole.success) return { value: whole.data, repaired: [] };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return { value: defaults, repaired: ['(the whole record)'] };
  }
  const source = stored as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  const repaired: string[] = [];
  for (const [field, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (source[field] === undefined) {
      value[field] = (defaults as Record<string, unknown>)[field];
      continue;
    }
    const parsed = fieldSchema.safeParse(source[field]);
    if (parsed.success) value[field] = parsed.data;
    else {
      value[field] = (defaults as Record<string, unknown>)[field];
      repaired.push(field);
    }
  }
  return { value: value as z.infer<S>, repaired };
}
