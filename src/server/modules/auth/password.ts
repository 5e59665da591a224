import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt (memory-hard) with N=2^15, r=8, p=1: ~32 MiB and ~50 ms per hash on this class of machine.
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const MAX_MEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash`, both base64url: the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LEN, { ...PARAMS, maxmem: MAX_MEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltText, hashText] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashText, 'base64url');
  // A short or empty stored key would match the equally short key derived from any password.
  if (expected.length < 16) return false;
  // Node reads 0 as "use the default", so check the parameters are the positive integers they claim to be.
  const [N, R, P] = [n, r, p].map((v) => (/^[1-9][0-9]{0,9}$/.test(v) ? Number(v) : 0)) as [number, number, number];
  if (N < 2 || R < 1 || P < 1) return false;
  try {
    const key = await scryptAsync(password, Buffer.from(saltText, 'base64url'), expected.length, { N, r: R, p: P, maxmem: MAX_MEM });
    return key.length === expected.length && timingSafeEqual(key, expected);
  } catch {
    // Unusable parameters (not a number, not a power of two, over the memory cap): not a match.
    return false;
  }
}

// A fixed hash to verify against when the username does not exist, so both paths cost the same.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A readable one-time password (no 0/O, 1/l/I), always with letters and digits. */
export function generatePassword(length = 12): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (/[A-Za-z]/.test(out) && /[0-9]/.test(out)) return out;
  }
}

/** The rule the schema cannot see: a password must not be the username. */
export function isPasswordAcceptable(password: string, username: string): boolean {
  return password.toLowerCase() !== username.toLowerCase() && /[A-Za-z]/.test(password) && /[0-9]/.test(password) && password.length >= 8;
}
