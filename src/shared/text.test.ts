import { describe, expect, it } from 'vitest';
import { cleanText, nameField } from './text.js';

describe('cleanText', () => {
  it.each([
    ['plain', '招商局', '招商局'],
    ['trims', '  招商局 \n', '招商局'],
    ['collapses inner whitespace', '固始县\t\t招商局', '固始县 招商局'],
    ['ideographic space counts as whitespace', '招商\u3000\u3000局', '招商 局'],
    ['zero-width space removed', '招\u200B商', '招商'],
    ['zero-width joiner / non-joiner removed', '招\u200C商\u200D局', '招商局'],
    ['word joiner and BOM removed', '\uFEFF招\u2060商', '招商'],
    ['soft hyphen removed', 'Zhao\u00ADshang', 'Zhaoshang'],
    ['Mongolian vowel separator removed', '招\u180E商', '招商'],
    ['bidi override removed (Trojan Source spoofing)', '招\u202E商局\u202C', '招商局'],
    ['bidi isolates removed', '\u2066招商\u2069', '招商'],
    ['NFC: decomposed é composed', 'Caf\u0065\u0301', 'Caf\u00E9'],
    ['full-width brackets kept as typed', '信阳市（示范）', '信阳市（示范）'],
    ['full-width latin kept as typed', 'ＡＢＣ公司', 'ＡＢＣ公司'],
    ['emoji kept', '招商🚀', '招商🚀'],
    ['joiner inside an emoji sequence kept (one family, not three people)', '招商👨\u200D👩\u200D👧', '招商👨\u200D👩\u200D👧'],
    ['joiner after a skin tone or presentation selector kept', '👩🏽\u200D💻 ❤\uFE0F\u200D🔥', '👩🏽\u200D💻 ❤\uFE0F\u200D🔥'],
    ['joiner between emoji and text removed', '🚀\u200D招商', '🚀招商'],
    ['only invisible and spaces', ' \u200B \uFEFF\u3000', ''],
  ])('%s', (_label, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('nameField', () => {
  const field = nameField(5);

  it('returns the cleaned value', () => {
    expect(field.parse('  招\u200B商 ')).toBe('招商');
  });

  it.each([
    ['exactly max characters', '一二三四五', true],
    ['one over max', '一二三四五六', false],
    ['emoji counted as one character each (5 emoji = 10 UTF-16 units)', '😀😀😀😀😀', true],
    ['six emoji refused', '😀😀😀😀😀😀', false],
    ['invisible characters do not count', '一二三四五\u200B\u200B', true],
    ['empty', '', false],
    ['only whitespace', '   ', false],
    ['only zero-width characters', '\u200B\u200D\uFEFF', false],
    ['control character refused', '招\u0007商', false],
    ['NUL refused', '招\u0000商', false],
    ['DEL refused', '招\u007F', false],
    ['C1 control refused', '招\u0085', false],
    ['lone high surrogate refused', '招\uD800', false],
    ['lone low surrogate refused', '\uDC00商', false],
    ['a surrogate pair (emoji) accepted', '招😀', true],
  ])('%s → %s', (_label, input, ok) => {
    expect(field.safeParse(input).success).toBe(ok);
  });

  it('says why it refused', () => {
    const tooLong = field.safeParse('一二三四五六');
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('at most 5 characters');
    expect(field.safeParse(' \u200B').error?.issues[0]?.message).toBe('required');
    expect(field.safeParse('a\u0001').error?.issues[0]?.message).toBe('contains control characters');
  });

  it('refuses non-strings', () => {
    expect(field.safeParse(12).success).toBe(false);
    expect(field.safeParse(null).success).toBe(false);
  });

  it('defaults to 100 characters', () => {
    expect(nameField().safeParse('字'.repeat(100)).success).toBe(true);
    expect(nameField().safeParse('字'.repeat(101)).success).toBe(false);
  });
});
