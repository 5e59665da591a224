// Exact sums of 万元 decimal strings: BigInt over 1/10000 万元 (one yuan), as formatWan counts.

function toUnits(value: string): bigint {
  const [intPart = '0', frac = ''] = value.trim().split('.');
  return BigInt(intPart || '0') * 10000n + BigInt((frac + '0000').slice(0, 4));
}

function fromUnits(units: bigint): string {
  const whole = units / 10000n;
  const frac = String(units % 10000n).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/** Sum of non-negative 万元 amounts ("12.5" + "0.0001" = "12.5001"); empty values count as 0. */
export function sumWan(values: readonly (string | null | undefined)[]): string {
  let total = 0n;
  for (const v of values) if (v) total += toUnits(v);
  return fromUnits(total);
}
