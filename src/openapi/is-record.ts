/** Narrowing helper shared by the spec and schema layers, which walk untyped parsed documents. */

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
