// The registry these machines reach serves @node-rs/jieba's Linux binaries but not its other
// platform packages, so `npm install` leaves them out of package-lock.json and `npm ci` then
// refuses the lock as out of sync. This adds the missing optional platform entries (never
// installed on Linux: their os/cpu do not match). Run after changing dependencies:
//   node scripts/lock-optional-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
let added = 0;
for (const [name, meta] of Object.entries(lock.packages)) {
  if (!name.startsWith('node_modules/') || !meta.optionalDependencies) continue;
  for (const [dep, version] of Object.entries(meta.optionalDependencies)) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key]) continue;
    // @node-rs/<pkg>-<os>-<cpu>[-<abi>]
    const m = /-(android|darwin|freebsd|linux|win32)-(arm64|arm|x64|ia32)(?:-(gnu|musl|gnueabihf|eabi|msvc))?$/.exec(dep);
    if (!m) continue;
    const [, os, cpu, abi] = m;
    lock.packages[key] = {
      version,
      cpu: [cpu],
      ...(os === 'linux' && (abi === 'gnu' || abi === 'musl') ? { libc: [abi === 'gnu' ? 'glibc' : 'musl'] } : {}),
      license: meta.license ?? 'MIT',
      optional: true,
      os: [os],
    };
    added += 1;
  }
}
const sorted = {};
for (const key of Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))) sorted[key] = lock.packages[key];
lock.packages = sorted;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries`);
