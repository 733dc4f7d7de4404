import { z } from 'zod';

/** Field readers for environment schemas: the core's (config/env.ts) and each platform's. */

export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const wholeNumber = (fallback: number, min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `${what}, a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

export const url = (fallback: string | undefined, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      if (!URL.canParse(value)) {
        ctx.addIssue({ code: 'custom', message: `${what}, an absolute URL such as ${fallback ?? 'https://example.com'}` });
        return z.NEVER;
      }
      return value.replace(/\/+$/, '');
    });

/** `true`/`false` (or yes/no, on/off, 1/0); unset gives `fallback`. */
export const optionalFlag = <T extends boolean | undefined>(fallback: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx): boolean | T => {
      if (value === undefined || value === '') return fallback;
      if (/^(1|true|yes|on)$/i.test(value)) return true;
      if (/^(0|false|no|off)$/i.test(value)) return false;
      ctx.addIssue({ code: 'custom', message: 'true or false' });
      return z.NEVER;
    });
export const flag = optionalFlag(false);

