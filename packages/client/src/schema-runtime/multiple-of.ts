/** A finite number as an exact decimal: `digits × 10^exponent`. */
function decimal(x: number): [bigint, number] {
  // The shortest text that reads back as `x`: the decimal the spec or the body wrote.
  const [mantissa = '0', exponent = '0'] = String(Math.abs(x)).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  return [BigInt(whole + fraction), Number(exponent) - fraction.length];
}

/**
 * `multipleOf` with a divisor that is not an integer: whether `x / m` is an integer, decided on
 * the decimal values (`0.0075` is a multiple of `0.0001`, `1e308` of `0.5`), not on binary
 * floating point, whose division gives 74.99999999999999 and Infinity for those. The generated
 * code decides an integer divisor with `%` itself, which is exact.
 */
export function isMultipleOf(x: number, m: number): boolean {
  if (x === 0) return true;
  const [xd, xe] = decimal(x);
  const [md, me] = decimal(m);
  // x / m = (xd / md) × 10^(xe - me): bring both to one exponent and divide the integers.
  const shift = xe - me;
  return shift >= 0
    ? (xd * 10n ** BigInt(shift)) % md === 0n
    : xd % (md * 10n ** BigInt(-shift)) === 0n;
}
