import type { z } from 'zod';

/**
 * An antd Form rule from a shared zod schema, so the form refuses what the server would refuse.
 * The message is ours (localised); zod's own messages are English-only. Empty values pass: pair
 * with `required` where the field is required.
 */
export function zodRule(schema: z.ZodType, message: string) {
  return {
    validator: (_: unknown, value: unknown) => {
      if (value === undefined || value === null || value === '') return Promise.resolve();
      return schema.safeParse(value).success ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
}

/** At most `max` characters, counted as the server counts them (code points: an emoji is one). */
export function maxCharsRule(max: number, message: string) {
  return {
    validator: (_: unknown, value?: string) =>
      [...(value ?? '')].length <= max ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}
