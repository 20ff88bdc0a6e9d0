/**
 * The path a spec's `servers` entry puts before every operation's path ("/api" of
 * https://api.zavu.dev/api). The suite never sends where `servers` says: --base-url is the target,
 * each operation's path appended to it as given; a new description that moves the API under a
 * prefix is told to the user (the runner's note), not followed in silence nor guessed.
 */
import { isRecord } from './is-record';

/** The longest path said: the spec is the user's file. */
const SHOWN = 200;

/**
 * The first `servers` entry's path without its trailing slash; undefined when it adds none
 * ('' or '/'), when there is no entry, or when the URL has a `{variable}` (its value is the user's to pick).
 */
export function serverPath(document: Record<string, unknown>): string | undefined {
  const servers = document['servers'];
  const first: unknown = Array.isArray(servers) ? servers[0] : undefined;
  const url = isRecord(first) ? first['url'] : undefined;
  if (typeof url !== 'string' || url.includes('{')) return undefined;
  let path: string;
  try {
    // A relative entry ("/api/v9") is relative to where the document is served: its path is still the prefix.
    path = new URL(url, 'http://relative.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
  return path === '' ? undefined : path.slice(0, SHOWN);
}

/** Whether requests under `baseUrl` miss the spec's server path: the base URL's own path does not end with it. */
export function missesServerPath(baseUrl: string, path: string): boolean {
  let basePath: string;
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    return false;
  }
  return !basePath.endsWith(path);
}
