import { z } from 'zod';

// Characters that render as nothing and let "招商局" and "招\u200B商局" pass as two different names;
// bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069) also reorder what is shown.
// The zero-width joiner (U+200D) is handled apart: between two emoji it is part of one picture (👨‍👩‍👧).
const INVISIBLE = /[\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E]/g;
const STRAY_JOINER = /(?<!\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// Half of a surrogate pair on its own (from a broken paste or \ud800 in JSON) is not a character.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// C0/C1 control characters other than ordinary whitespace.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** NFC, invisible characters removed, whitespace collapsed, trimmed. Full-width is kept as typed. */
export function cleanText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '').replace(STRAY_JOINER, '').replace(/\s+/g, ' ').trim();
}

/** A display name: cleaned, 1..max characters (code points, so an emoji counts once), no control chars. */
export function nameField(max = 100) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, { message: 'required' })
        .refine((s) => [...s].length <= max, { message: `at most ${max} characters` })
        .refine((s) => !CONTROL.test(s), { message: 'contains control characters' })
        .refine((s) => !LONE_SURROGATE.test(s), { message: 'contains an invalid character (a lone surrogate)' }),
    );
}
