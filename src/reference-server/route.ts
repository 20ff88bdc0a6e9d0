/** Matches the one path the reference server serves, and decodes its senderId segment. */

/** The operation's path, with the senderId segment captured still percent-encoded. */
const SYNC_PATH = /^\/v1\/senders\/([^/]+)\/whatsapp-sync$/;

/** The raw (still encoded) senderId when the path is the sync operation's, else undefined. */
export function matchSyncPath(pathWithQuery: string): string | undefined {
  // The operation takes no query parameters; a query string does not change which resource it is.
  const queryStart = pathWithQuery.indexOf('?');
  const pathname = queryStart === -1 ? pathWithQuery : pathWithQuery.slice(0, queryStart);
  return SYNC_PATH.exec(pathname)?.[1];
}

/** The percent-decoded segment, or undefined when an escape is malformed (e.g. "%zz", "%E0%A4"). */
export function decodeSegment(rawSegment: string): string | undefined {
  try {
    return decodeURIComponent(rawSegment);
  } catch {
    return undefined;
  }
}
