// GB/T 2260 code arithmetic for the division picker (pure; tested in division-code.test.ts).

/** The API lists provinces and cities by 2- and 4-digit prefixes; a unit stores 6 (or 9) digits. */
export function toUnitDivisionCode(code: string): string {
  return /^\d{2}$|^\d{4}$/.test(code) ? code.padEnd(6, '0') : code;
}

/**
 * The prefix whose children a unit under `parentCode` most likely needs: a county (411525) lists
 * its towns, a city (411500) its counties, a province (410000) its cities, a town its county's towns.
 */
export function childPrefixOf(parentCode: string | null | undefined): string | undefined {
  if (!parentCode) return undefined;
  if (/^\d{9}$/.test(parentCode)) return parentCode.slice(0, 6);
  if (!/^\d{6}$/.test(parentCode)) return undefined;
  if (parentCode.endsWith('0000')) return parentCode.slice(0, 2);
  if (parentCode.endsWith('00')) return parentCode.slice(0, 4);
  return parentCode;
}
