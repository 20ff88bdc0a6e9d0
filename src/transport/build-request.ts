/** Builds the concrete request of a planned case: URL from the operation's path template, auth header from the variant. */
import type { HttpRequest, OperationContract, PlannedCase } from '../model';
import { senderPath } from '../negative/sender-path';
import { authorizationFor } from './auth-headers';

export interface RequestTarget {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:4010" or "https://api.zavu.dev". */
  baseUrl: string;
  apiKey: string;
  unknownKey: string;
}

/** Joins base URL and path so a base URL with its own path prefix ("https://host/api") keeps it. */
export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path;
}

export function buildRequest(planned: PlannedCase, operation: OperationContract, target: RequestTarget): HttpRequest {
  // The same encoding as the negative inputs: "." and ".." stay one segment, "$&" is not a pattern.
  const path = senderPath(operation.pathTemplate, { id: planned.senderId ?? '', raw: false });
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = authorizationFor(planned.scenario.request.auth, target.apiKey, target.unknownKey);
  if (auth !== undefined) headers['authorization'] = auth;
  return { method: operation.method, url: joinUrl(target.baseUrl, path), path, headers, authVariant: planned.scenario.request.auth };
}
