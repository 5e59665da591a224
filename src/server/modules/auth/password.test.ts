import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, isPasswordAcceptable, verifyPassword } from './password.js';

describe('hashPassword / verifyPassword', () => {
  it('round-trips and refuses a wrong password', async () => {
    const stored = await hashPassword('Zhaoshang-2026');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('Zhaoshang-2026', stored)).toBe(true);
    expect(await verifyPassword('zhaoshang-2026', stored)).toBe(false);
    expect(await verifyPassword('Zhaoshang-2026 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('Same-pass-1'), hashPassword('Same-pass-1')]);
    expect(a).not.toBe(b);
  });

  it('treats NFKC-equivalent passwords as equal (full-width typed on a Chinese IME)', async () => {
    const stored = await hashPassword('Abc12345');
    expect(await verifyPassword('Ａｂｃ１２３４５', stored)).toBe(true);
  });

  it('answers false, never throws or accepts, for a malformed stored hash', async () => {
    const stored = await hashPassword('Right-pass-1');
    const [, n, r, p, salt, hash] = stored.split('$') as [string, string, string, string, string, string];
    const malformed: Record<string, string> = {
      empty: '',
      'not scrypt': `bcrypt$${n}$${r}$${p}$${salt}$${hash}`,
      'too few parts': `scrypt$${n}$${r}$${salt}$${hash}`,
      'too many parts': `${stored}$x`,
      // An empty key would compare equal to the empty key derived from any password.
      'empty hash': `scrypt$${n}$${r}$${p}$${salt}$`,
      'truncated hash': `scrypt$${n}$${r}$${p}$${salt}$${hash.slice(0, 4)}`,
      'N not a number': `scrypt$abc$${r}$${p}$${salt}$${hash}`,
      'N not a power of two': `scrypt$1000$${r}$${p}$${salt}$${hash}`,
      'N absurdly large': `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`,
      'r zero': `scrypt$${n}$0$${p}$${salt}$${hash}`,
      'p negative': `scrypt$${n}$${r}$-1$${salt}$${hash}`,
    };
    for (const [label, value] of Object.entries(malformed)) {
      await expect(verifyPassword('Right-pass-1', value), label).resolves.toBe(false);
      await expect(verifyPassword('', value), label).resolves.toBe(false);
    }
  });
});

describe('generatePassword', () => {
  it('always has letters and digits, only from the readable alphabet', () => {
    for (let i = 0; i < 2000; i++) {
      const pw = generatePassword(i % 2 === 0 ? 12 : 8);
      expect(pw).toHaveLength(i % 2 === 0 ? 12 : 8);
      expect(pw).toMatch(/[A-Za-z]/);
      expect(pw).toMatch(/[0-9]/);
      expect(pw).not.toMatch(/[01OolI]/);
      expect(isPasswordAcceptable(pw, 'someone')).toBe(true);
    }
  });

  it('still has both with a length of 2', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword(2)).toMatch(/^(?=.*[A-Za-z])(?=.*[0-9])/);
  });
});

describe('isPasswordAcceptable', () => {
  it.each([
    ['Abcdefg1', 'zhang', true],
    ['12345678a', 'zhang', true],
    ['abcdefgh', 'zhang', false], // no digit
    ['12345678', 'zhang', false], // no letter
    ['Abcde12', 'zhang', false], // 7 characters
    ['zhang2026', 'zhang2026', false], // the username
    ['ZHANG2026', 'zhang2026', false], // the username, other case
    ['zhang2026!', 'zhang2026', true],
  ])('%s for %s → %s', (password, username, expected) => {
    expect(isPasswordAcceptable(password, username)).toBe(expected);
  });
});
