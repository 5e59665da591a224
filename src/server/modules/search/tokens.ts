import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { pinyin } from 'pinyin-pro';

/*
 * Search tokens stored in a text[] column behind a GIN index. pg_trgm cannot serve 2-character
 * Chinese queries (食品), so we index:
 *   - CJK unigrams and bigrams            c:食  c:食品
 *   - jieba words (for ranking whole words) w:食品加工
 *   - Latin/digit runs, whole and bigrams  l:abc  l:ab
 *   - pinyin initials bigrams             p:xy  (信阳食品厂 → xyspc → p:xy p:ys p:sp p:pc)
 * A query matches when the record holds every one of the query's tokens of one kind (@>).
 */

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;
function segmenter(): Jieba {
  if (!jieba) {
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_RUN = /[a-z0-9]+/g;

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

function initialsOf(run: string): string {
  return pinyin(run, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
}

/** Tokens for a record, from its searchable texts (name, investor, contacts…). */
export function recordTokens(texts: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const raw of texts) {
    if (!raw) continue;
    const text = normalise(raw);
    for (const run of text.match(CJK_RUN) ?? []) {
      for (const ch of run) out.add(`c:${ch}`);
      for (const b of bigrams(run)) out.add(`c:${b}`);
      const initials = initialsOf(run);
      for (const b of bigrams(initials)) out.add(`p:${b}`);
      if (initials.length === 1) out.add(`p:${initials}`);
    }
    for (const word of segmenter().cutForSearch(text, true)) {
      if ([...word].length >= 2 && CJK_RUN.test(word)) out.add(`w:${word}`);
      CJK_RUN.lastIndex = 0;
    }
    for (const run of text.match(LATIN_RUN) ?? []) {
      out.add(`l:${run}`);
      for (const b of bigrams(run)) out.add(`l:${b}`);
    }
  }
  return [...out];
}

export interface QueryTokens {
  /** Tokens the record must all hold (CJK and Latin text as typed). */
  text: string[];
  /** Alternative for an all-letters query read as pinyin initials. */
  pinyin: string[];
  /** jieba words of the query, for ranking. */
  words: string[];
}

export function queryTokens(query: string): QueryTokens {
  const q = normalise(query).trim();
  const text = new Set<string>();
  for (const run of q.match(CJK_RUN) ?? []) {
    if ([...run].length === 1) text.add(`c:${run}`);
    for (const b of bigrams(run)) text.add(`c:${b}`);
  }
  for (const run of q.match(LATIN_RUN) ?? []) {
    if (run.length === 1) text.add(`l:${run}`);
    for (const b of bigrams(run)) text.add(`l:${b}`);
  }
  const letters = q.replace(/\s+/g, '');
  const pinyinTokens = /^[a-z]+$/.test(letters) ? (letters.length === 1 ? [`p:${letters}`] : bigrams(letters).map((b) => `p:${b}`)) : [];
  const words = segmenter()
    .cutForSearch(q, true)
    .filter((w) => [...w].length >= 2)
    .map((w) => `w:${w}`);
  return { text: [...text], pinyin: [...new Set(pinyinTokens)], words };
}
