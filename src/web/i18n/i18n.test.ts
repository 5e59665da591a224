import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';

/** Every leaf key as `a.b.c`, with its value. */
function leaves(dict: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(dict)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) for (const [k, v] of leaves(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const zhLeaves = leaves(zh);
  const enLeaves = leaves(en);

  it('have the same keys', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...zhLeaves.keys()].sort());
  });

  it('have only non-empty strings', () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) {
      expect(typeof value === 'string' && value.trim().length > 0, key).toBe(true);
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    for (const [key, value] of zhLeaves) {
      expect(placeholders(String(enLeaves.get(key) ?? '')), key).toEqual(placeholders(String(value)));
    }
  });

  it('keep the Chinese dictionary in Chinese', () => {
    // A key left in English in zh.ts is the usual slip; these few are meant to be Latin.
    const latin = new Set(['common.switchLanguage', 'audit.listSeparator']);
    for (const [key, value] of zhLeaves) {
      if (latin.has(key)) continue;
      expect(/[\u4e00-\u9fff（）：，。、…]/.test(String(value)), `${key}: ${String(value)}`).toBe(true);
    }
  });
});
