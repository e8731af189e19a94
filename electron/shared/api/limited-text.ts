import { z } from 'zod';
import { overLimit } from '../text-length';

/** Trimmed text of at most `max` characters, counted and refused as the forms count it (never cut). */
export const limitedText = (max: number) =>
  z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      const message = overLimit(s, max);
      if (message) ctx.addIssue({ code: 'custom', message });
    });
