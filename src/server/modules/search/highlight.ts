import { pinyin } from 'pinyin-pro';

/*
 * Where a query matched inside a text, as [start, end) UTF-16 offsets of the original text, and the
 * rank of a name for a query. Pure: the search service calls these on its few hundred candidates.
 * Matching follows the tokens (tokens.ts): NFKC, lower case, CJK and Latin runs, pinyin initials.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD_RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;

export type Range = [number, number];

interface Folded {
  /** Normalised characters, one per code point of the original. */
  chars: string[];
  /** UTF-16 offset of each code point in the original, plus the end. */
  offsets: number[];
}

/** One normalised character per original code point, so matches map straight back to offsets. */
function fold(text: string): Folded {
  const chars: string[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const cp of text) {
    const n = cp.normalize('NFKC').toLowerCase();
    // A code point NFKC expands (㈱ → (株)) keeps its own form, so positions stay one-to-one.
    chars.push([...n].length === 1 ? n : cp);
    offsets.push(at);
    at += cp.length;
  }
  offsets.push(at);
  return { chars, offsets };
}

/** The query's searchable runs (CJK or Latin/digits), normalised; punctuation and spaces drop out. */
export function queryRuns(query: string): string[] {
  return query.normalize('NFKC').toLowerCase().match(WORD_RUN) ?? [];
}

/** The query read as pinyin initials (xyspc), or null when it is not all letters. */
export function pinyinQuery(query: string): string | null {
  const letters = query.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return /^[a-z]+$/.test(letters) ? letters : null;
}

// pinyin-pro takes ~0.1 ms a name; names repeat (张伟, the same project names), so remember them.
const INITIALS_CACHE_SIZE = 20_000;
const initialsCache = new Map<string, string[]>();

/** Pinyin initial of each code point of `text`; '\0' for anything that is not a CJK character. */
function initialsOf(text: string): string[] {
  const cached = initialsCache.get(text);
  if (cached) return cached;
  const chars = [...text];
  let out: string[];
  if (!chars.some((c) => CJK.test(c))) out = chars.map(() => '\0');
  else {
    const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' });
    out = chars.map((c, i) => (CJK.test(c) ? (initials[i] ?? '\0').toLowerCase().slice(0, 1) : '\0'));
  }
  if (initialsCache.size >= INITIALS_CACHE_SIZE) initialsCache.clear();
  initialsCache.set(text, out);
  return out;
}

/**
 * Whether a short text (a contact's name) answers the query the way the index would: every CJK or
 * Latin bigram of the query occurs in it, or, for an all-letters query, its pinyin initials spell it.
 * Cheaper than tokenising each candidate's text with jieba.
 */
export function textMatchesQuery(text: string, query: string): boolean {
  const folded = fold(text).chars.join('');
  const runs = queryRuns(query);
  if (runs.length && runs.every((run) => folded.includes(run))) return true;
  const py = pinyinQuery(query);
  return py !== null && initialsOf(text).join('').includes(py);
}

function findAll(haystack: string[], needle: string[]): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    out.push(i);
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/**
 * The parts of `text` the query matched: each run of the query where it occurs whole; failing that
 * its bigrams (the index matched on bigrams, which need not be adjacent); failing that, for an
 * all-letters query, the characters whose pinyin initials spell it.
 */
export function highlightRanges(text: string, query: string): Range[] {
  if (!text) return [];
  const f = fold(text);
  const toRange = (start: number, length: number): Range => [f.offsets[start]!, f.offsets[start + length]!];
  const found: Range[] = [];
  const runs = queryRuns(query);
  for (const run of runs) {
    const needle = [...run];
    for (const i of findAll(f.chars, needle)) found.push(toRange(i, needle.length));
  }
  if (found.length === 0) {
    for (const run of runs) {
      const chars = [...run];
      for (let k = 0; k + 1 < chars.length; k++) {
        for (const i of findAll(f.chars, [chars[k]!, chars[k + 1]!])) found.push(toRange(i, 2));
      }
    }
  }
  const py = pinyinQuery(query);
  if (found.length === 0 && py) {
    const initials = initialsOf(text);
    for (const i of findAll(initials, [...py])) found.push(toRange(i, py.length));
  }
  return merge(found);
}

/** 0 exact name, 1 name prefix, 2 jieba word match, 3 any token match (domain ranking, best first). */
export type MatchRank = 0 | 1 | 2 | 3;

/** How well a name answers a query; pinyin initials count as the name for an all-letters query. */
export function rankName(name: string, query: string, isWordMatch: boolean): MatchRank {
  const folded = fold(name).chars.join('').replace(/\s+/g, '');
  const q = query.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  if (q && folded === q) return 0;
  if (q && folded.startsWith(q)) return 1;
  const py = pinyinQuery(query);
  if (py && [...name].some((c) => CJK.test(c))) {
    const initials = initialsOf(name).filter((c) => c !== '\0').join('');
    if (initials === py) return 0;
    if (initials.startsWith(py)) return 1;
  }
  return isWordMatch ? 2 : 3;
}
