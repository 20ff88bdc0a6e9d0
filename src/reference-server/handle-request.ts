/**
 * The reference server's behaviour as a function of the request and the store: request summary
 * in, planned response out. Order matters and is part of the contract being modelled:
 *   route → method → authentication → senderId decoding → the operation's own order.
 * Authentication comes before decoding and lookup so an anonymous caller cannot tell a known
 * sender from an unknown one (no id enumeration).
 */
import { authenticatedProject } from './authorization';
import { errorResponse, internalErrorResponse } from './planned-response';
import { decodeSegment, matchRoutes, methodsOf, type Route } from './route';
import { createSenderStore, OWN_PROJECT, scopeTo, type SenderStore } from './sender-store';
import type { PlannedResponse, RequestSummary } from './types';

/** What the handler needs besides the request. */
export interface HandlerConfig {
  /** The key of the server's own project. */
  apiKey: string;
  /** Keys of other projects, by project: each sees only its own senders (the seed's `project`). */
  otherProjectKeys?: Readonly<Record<string, string>>;
  /** The server's store; a config without one gets its own (kept for the config's lifetime). */
  store?: SenderStore;
  /** The clock of requestedAt (tests fix it). */
  now?: () => Date;
}

/** The planned response, and what the request was about (for faults). */
export interface HandledRequest {
  planned: PlannedResponse;
  /** The decoded senderId, when the path names one. */
  senderId?: string;
  /** The operation of the matched route. */
  operationId?: string;
  /** Runs the operation as if the caller were authenticated (what a fault that ignores auth serves). */
  authorized?: () => PlannedResponse;
  /** Runs the operation over every project's senders (what a fault that ignores projects serves). */
  unscoped?: () => PlannedResponse;
}

/** Methods served on the sync status path; HEAD is GET without a body (RFC 9110 §9.3.2). */
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;

const stores = new WeakMap<HandlerConfig, SenderStore>();

/** The config's store: its own, or one created once for it. */
export function storeOf(config: HandlerConfig): SenderStore {
  if (config.store !== undefined) return config.store;
  let store = stores.get(config);
  if (store === undefined) {
    store = createSenderStore();
    stores.set(config, store);
  }
  return store;
}

/** Decides the response to one request. Never throws: an internal failure becomes a 500 Error. */
export function handleRequest(request: RequestSummary, config: HandlerConfig): HandledRequest {
  try {
    return decide(request, config);
  } catch {
    return { planned: internalErrorResponse() };
  }
}

function decide(request: RequestSummary, config: HandlerConfig): HandledRequest {
  const matched = matchRoutes(request.path);
  if (matched === undefined) {
    return { planned: errorResponse(404, 'not_found', `No route for ${request.method} on this path`) };
  }
  const senderId = decodeSegment(matched.rawSenderId);
  const route: Route | undefined = matched.routes.find((r) => methodsOf(r).includes(request.method));
  const about = (planned: PlannedResponse, extra: Partial<HandledRequest> = {}): HandledRequest => ({
    planned,
    ...(senderId === undefined ? {} : { senderId }),
    ...(route === undefined ? {} : { operationId: route.operationId }),
    ...extra,
  });
  if (route === undefined) {
    const allowed = matched.routes.flatMap(methodsOf);
    const message = `Method ${request.method} is not allowed; use ${allowed.join(' or ')}`;
    return about(errorResponse(405, 'method_not_allowed', message, { allow: allowed.join(', ') }));
  }
  const store = storeOf(config);
  // A project sees only its own senders, so another project's is answered exactly as an unknown id.
  const serveOver = (view: SenderStore): PlannedResponse =>
    senderId === undefined
      ? errorResponse(400, 'invalid_request', 'The senderId path segment has a malformed percent-encoding')
      : route.handle({ senderId, store: view, now: config.now ?? (() => new Date()) });
  const unscoped = (): PlannedResponse => serveOver(store);
  const project = authenticatedProject(request.authorization, config.apiKey, config.otherProjectKeys);
  if (project === undefined) {
    const message =
      request.authorization === undefined
        ? 'Missing Authorization header; expected "Authorization: Bearer <API key>"'
        : 'Invalid API key or authorization scheme; expected "Authorization: Bearer <API key>"';
    const authorized = (): PlannedResponse => serveOver(scopeTo(store, OWN_PROJECT));
    return about(errorResponse(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' }), { authorized, unscoped });
  }
  return about(serveOver(scopeTo(store, project)), { unscoped });
}
