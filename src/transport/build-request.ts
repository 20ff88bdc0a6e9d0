/** Builds the concrete request of one step: URL from the operation's path template and values, auth header from the variant. */
import type { AuthVariant, HttpRequest, OperationContract } from '../model';
import type { WrittenRequest } from '../model/scenario';
import { authorizationFor } from './auth-headers';
import { fillPath, percentEncodeForRequestLine, type PathValue } from './path-segment';

export interface RequestTarget {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:4010" or "https://api.zavu.dev". */
  baseUrl: string;
  apiKey: string;
  unknownKey: string;
  /** The other project's own key (ZAVU_OTHER_PROJECT_API_KEY), for the reads of its sender as it sees it. */
  otherProjectKey?: string;
}

/** Joins base URL and path so a base URL with its own path prefix ("https://host/api") keeps it. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

export function buildRequest(operation: OperationContract, values: Readonly<Record<string, PathValue>>, auth: AuthVariant, target: RequestTarget, written: WrittenRequest = {}): HttpRequest {
  // The same encoding as the negative inputs: "." and ".." stay one segment, "$&" is not a pattern.
  // A written template's own text is encoded as the transport sends it (a space, non-ASCII): the
  // request (its curl, its recording) is then what went on the wire, not what the data file says.
  const path = percentEncodeForRequestLine(fillPath(written.pathTemplate ?? operation.pathTemplate, values)) + (written.query === undefined ? '' : `?${written.query}`);
  const headers: Record<string, string> = { accept: 'application/json' };
  const authorization = authorizationFor(auth, target.apiKey, target.unknownKey, target.otherProjectKey);
  if (authorization !== undefined) headers['authorization'] = authorization;
  return { method: written.method ?? operation.method, url: joinUrl(target.baseUrl, path), path, headers, authVariant: auth };
}
