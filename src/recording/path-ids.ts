/**
 * The ids a recording's paths hold: each path segment percent-decoded, as a sender id goes into a
 * path (transport/path-segment.ts), a malformed escape as written. What bounds the configured
 * fixtures a recording keeps (log._zavu.fixtures) and a replay reads: no sender id its paths do not
 * hold already.
 */
import { pathSegmentId } from '../text/path-segment-id';

/** Every segment of the paths (a query or fragment cut off), decoded. */
export function idsInPaths(paths: readonly string[]): Set<string> {
  return new Set(paths.flatMap((path) => (path.split(/[?#]/, 1)[0] ?? '').split('/').map(pathSegmentId)));
}
