/** The handler followed by the optional test fault: the complete pipeline the adapter runs. */
import { handleRequest, storeOf, type HandlerConfig } from './handle-request';
import { internalErrorResponse } from './planned-response';
import { decodeSegment, matchRoutes } from './route';
import type { FaultContext, PlannedResponse, RequestSummary, ResponseFault } from './types';

/**
 * The response to send. A fault sees a copy of the plan, so a fault that mutates its argument
 * instead of returning a new response still cannot corrupt the handler's data; a fault that
 * throws yields a 500 Error, like any other internal failure. `before` is the sender's sync state
 * before the handler ran, so a fault can undo or alter what a start changed (through `store`).
 */
export function planResponse(request: RequestSummary, config: HandlerConfig, fault?: ResponseFault): PlannedResponse {
  if (fault === undefined) return handleRequest(request, config).planned;
  const store = storeOf(config);
  const raw = matchRoutes(request.path)?.rawSenderId;
  const id = raw === undefined ? undefined : decodeSegment(raw);
  const beforeSender = id === undefined ? undefined : store.get(id);
  const { planned, senderId, operationId, authorized, unscoped } = handleRequest(request, config);
  const copyOfPlanned = (): PlannedResponse => ({ ...planned, headers: { ...planned.headers } });
  const context: FaultContext = {
    ...request,
    apiKey: config.apiKey,
    ...(senderId === undefined ? {} : { senderId }),
    ...(operationId === undefined ? {} : { operationId }),
    ...(beforeSender?.kind === 'coexistence' ? { before: beforeSender.sync } : {}),
    store,
    authorized: authorized ?? copyOfPlanned,
    unscoped: unscoped ?? copyOfPlanned,
    planned: copyOfPlanned(),
  };
  try {
    return fault(context) ?? planned;
  } catch {
    return internalErrorResponse();
  }
}
