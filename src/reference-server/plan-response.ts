/** The handler followed by the optional test fault: the complete pure pipeline the adapter runs. */
import { handleRequest, type HandlerConfig } from './handle-request';
import { internalErrorResponse } from './planned-response';
import type { FaultContext, PlannedResponse, RequestSummary, ResponseFault } from './types';

/**
 * The response to send. A fault sees a copy of the plan, so a fault that mutates its argument
 * instead of returning a new response still cannot corrupt the handler's data; a fault that
 * throws yields a 500 Error, like any other internal failure.
 */
export function planResponse(request: RequestSummary, config: HandlerConfig, fault?: ResponseFault): PlannedResponse {
  const { planned, senderId } = handleRequest(request, config);
  if (fault === undefined) return planned;
  const context: FaultContext = {
    ...request,
    ...(senderId === undefined ? {} : { senderId }),
    planned: { ...planned, headers: { ...planned.headers } },
  };
  try {
    return fault(context) ?? planned;
  } catch {
    return internalErrorResponse();
  }
}
