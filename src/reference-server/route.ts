/**
 * The route table: method + path template → the operation's handler. Data, so a new operation is
 * a row here and a handler in operations/. Paths are matched still percent-encoded; the senderId
 * segment is decoded by the request handler (after authentication).
 */
import { getWhatsAppSyncStatus } from './operations/get-whatsapp-sync-status';
import { startSync } from './operations/start-sync';
import type { SenderStore } from './sender-store';
import type { PlannedResponse } from './types';

/** What a handler gets once the caller is authenticated and the sender id decoded. */
export interface RouteContext {
  senderId: string;
  store: SenderStore;
  now: () => Date;
}

/** One row of the route table: an operation, where it is served, and its handler. */
export interface Route {
  operationId: string;
  /** The method served; GET routes also serve HEAD (RFC 9110 §9.3.2). */
  method: 'GET' | 'POST';
  pathTemplate: string;
  handle(context: RouteContext): PlannedResponse;
}

/** Every operation the reference server serves. */
export const ROUTES: readonly Route[] = [
  { operationId: 'getWhatsAppSyncStatus', method: 'GET', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync', handle: (c) => getWhatsAppSyncStatus(c.senderId, c.store) },
  { operationId: 'startWhatsAppHistorySync', method: 'POST', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync/history', handle: (c) => startSync('history', c.senderId, c.store, c.now) },
  { operationId: 'startWhatsAppContactsSync', method: 'POST', pathTemplate: '/v1/senders/{senderId}/whatsapp-sync/contacts', handle: (c) => startSync('contacts', c.senderId, c.store, c.now) },
];

const patternOf = (template: string): RegExp => new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace('{senderId}', '([^/]+)')}$`);
const compiled = ROUTES.map((route) => ({ route, pattern: patternOf(route.pathTemplate) }));

/** The methods a route answers. */
export function methodsOf(route: Route): string[] {
  return route.method === 'GET' ? ['GET', 'HEAD'] : [route.method];
}

/** The routes whose path matches (any method), with the raw (still encoded) senderId segment. */
export function matchRoutes(pathWithQuery: string): { routes: Route[]; rawSenderId: string } | undefined {
  // The operations take no query parameters; a query string does not change which resource it is.
  const queryStart = pathWithQuery.indexOf('?');
  const pathname = queryStart === -1 ? pathWithQuery : pathWithQuery.slice(0, queryStart);
  let rawSenderId: string | undefined;
  const routes = compiled.filter(({ pattern }) => {
    const match = pattern.exec(pathname);
    if (match?.[1] !== undefined) rawSenderId = match[1];
    return match !== null;
  });
  return rawSenderId === undefined ? undefined : { routes: routes.map((r) => r.route), rawSenderId };
}

/** The percent-decoded segment, or undefined when an escape is malformed (e.g. "%zz", "%E0%A4"). */
export function decodeSegment(rawSegment: string): string | undefined {
  try {
    return decodeURIComponent(rawSegment);
  } catch {
    return undefined;
  }
}
