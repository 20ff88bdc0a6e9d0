/**
 * The paths a spec's `servers` entries put before every operation's path ("/api" of
 * https://api.zavu.dev/api). The suite never sends where `servers` says: --base-url is the target,
 * each operation's path appended to it as given; a new description that moves the API under a
 * prefix is told to the user (the runner's note), not followed in silence nor guessed.
 */
import { isRecord } from './is-record';

/** Stands in for a `{variable}` while the URL is read: found in the path, the path is the user's pick. */
const VARIABLE = 'zavu-server-variable';

/**
 * Each entry's path, without its trailing slash, in the entries' order. Undefined when a base URL
 * without a path may be right or the path cannot be known: no entry, one that adds none ('' or
 * '/'), one that is not a URL, or one with a `{variable}` in its path (its value is the user's to
 * pick; one in the host leaves the path known).
 */
export function serverPaths(document: Record<string, unknown>): string[] | undefined {
  const servers = document['servers'];
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const paths: string[] = [];
  for (const server of servers as unknown[]) {
    const url = isRecord(server) ? server['url'] : undefined;
    if (typeof url !== 'string') return undefined;
    let path: string;
    try {
      // A relative entry ("/api/v9") is relative to where the document is served: its path is still the prefix.
      path = comparable(new URL(url.replace(/\{[^}]*\}/g, VARIABLE), 'http://relative.invalid').pathname);
    } catch {
      return undefined;
    }
    if (path === '' || path.includes(VARIABLE)) return undefined;
    paths.push(path);
  }
  return paths;
}

/** Whether requests under `baseUrl` miss every server path: the base URL's own path ends with none of them. */
export function missesServerPath(baseUrl: string, paths: readonly string[]): boolean {
  let basePath: string;
  try {
    basePath = comparable(new URL(baseUrl).pathname);
  } catch {
    return false;
  }
  return !paths.some((path) => basePath.endsWith(path));
}

/** A URL's path as compared: no trailing slash, a percent-encoding's hex in capitals (%c3 and %C3 are one octet, RFC 3986 §2.1). */
function comparable(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}
