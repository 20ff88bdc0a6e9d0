/**
 * JSON with every object's keys sorted and no whitespace: the same data written in another key
 * order, or indented otherwise, has the same text, so a digest of it names the data, not the
 * file's layout (registry/contract-digest.ts, registry/cases-digest.ts). Arrays keep their order:
 * in the data files an array's order means something (the plan's order of cases, of steps).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A SHA-256 digest as the suite writes it (a spec's, the case data's, a recording's contract): 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
