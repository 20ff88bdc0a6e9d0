/** Code-unit order, not locale order: what is sorted with it sorts the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
