/**
 * A path segment as the id it carries: percent-decoded, as a sender id goes into a path
 * (transport/path-segment.ts), a malformed escape as written. Shared by recording/ (the ids a
 * recording's paths hold) and checks/ (which fixture a request's path named), which a live run
 * loads without recording/ (tests/runner/lazy-loading.test.ts).
 */
export function pathSegmentId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
