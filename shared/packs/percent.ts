/** Percent to one decimal; integer arithmetic first so halves round up consistently. */
export function percentOf(count: number, base: number): number | null {
  if (!(base > 0)) return null;
  return Math.round((count * 1000) / base) / 10;
}
