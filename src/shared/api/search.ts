import { z } from 'zod';
import { SEARCH_MAX_CHARS } from '../search-limits.js';

/** Longest query the search box accepts (characters); longer answers 400 naming `q`. */
export { SEARCH_MAX_CHARS };

export const searchQuery = z.strictObject({
  // Short or punctuation-only queries are not an error: they answer an empty result.
  q: z
    .string()
    .refine((s) => [...s.trim()].length <= SEARCH_MAX_CHARS, { message: `at most ${SEARCH_MAX_CHARS} characters` })
    .default(''),
  /** Results per group (projects, investors, contacts). */
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

/**
 * Where the query matched, for the client to mark: `ranges` are [start, end) offsets in UTF-16 code
 * units of `text` (what String.prototype.slice takes). Plain text, never HTML.
 */
export const searchHighlight = z.object({
  field: z.enum(['name', 'investor', 'contact', 'uscc', 'other']),
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchHighlight = z.infer<typeof searchHighlight>;

const hit = {
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string(),
  highlight: searchHighlight,
  isDemo: z.boolean(),
};

export const projectHit = z.object({ ...hit, unitName: z.string(), stage: z.string(), sideState: z.string().nullable() });
export const investorHit = z.object({ ...hit, uscc: z.string().nullable() });
/** A contact person (联系人) of an investor; `investorId` is the record to open. */
export const contactHit = z.object({ ...hit, investorId: z.number().int(), investorName: z.string() });

export const searchResponse = z.object({
  q: z.string(),
  projects: z.array(projectHit),
  investors: z.array(investorHit),
  contacts: z.array(contactHit),
});
export type SearchResponse = z.infer<typeof searchResponse>;
export type ProjectHit = z.infer<typeof projectHit>;
export type InvestorHit = z.infer<typeof investorHit>;
export type ContactHit = z.infer<typeof contactHit>;
