// Axis arithmetic for the app's small SVG charts: a "nice" top for the value axis (1, 2 or 5
// times a power of ten, so gridlines read as round numbers) and its ticks. Pure; tested.

/** The smallest 1/2/5 × 10^k at or above `max` (1 for an empty or all-zero series). */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Evenly spaced ticks from 0 to `top`, `count` intervals, whole numbers when `top` allows. */
export function ticks(top: number, count = 4): number[] {
  const out: number[] = [];
  for (let i = 0; i <= count; i += 1) {
    const value = (top * i) / count;
    out.push(Number.isInteger(top / count) ? value : Math.round(value * 100) / 100);
  }
  return out;
}
