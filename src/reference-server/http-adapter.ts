/** The thin node:http layer: read the request summary, run the pure pipeline, write the result. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HandlerConfig } from './handle-request';
import { planResponse } from './plan-response';
import { internalErrorResponse } from './planned-response';
import type { PlannedResponse, RequestSummary, ResponseFault } from './types';

/** A request listener serving the reference behaviour (and the fault, when one is given). */
export function createRequestListener(config: HandlerConfig, fault?: ResponseFault): RequestListener {
  return (request, response) => {
    // No operation takes a request body; draining whatever was sent keeps keep-alive usable.
    request.resume();
    const planned = planResponse(summarize(request), config, fault);
    if (planned.after === undefined) writePlanned(response, planned);
    else planned.after.then(() => writePlanned(response, planned), () => writePlanned(response, internalErrorResponse()));
  };
}

function summarize(request: IncomingMessage): RequestSummary {
  const summary: RequestSummary = { method: request.method ?? 'GET', path: request.url ?? '/' };
  // Node keeps only the first Authorization header when a request repeats it.
  const authorization = request.headers.authorization;
  return authorization === undefined ? summary : { ...summary, authorization };
}

function writePlanned(response: ServerResponse, planned: PlannedResponse): void {
  try {
    send(response, planned);
  } catch {
    // A fault may produce an invalid status or header value that node:http rejects.
    if (response.headersSent) {
      response.destroy();
      return;
    }
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    send(response, internalErrorResponse());
  }
}

function send(response: ServerResponse, planned: PlannedResponse): void {
  const body = Buffer.from(planned.body, 'utf8');
  const headers: Record<string, string> = { ...planned.headers };
  const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
  if (!hasLength) headers['content-length'] = String(body.length);
  // writeHead validates everything before anything is written, so a bad fault can still be replaced.
  response.writeHead(planned.status, headers);
  // For HEAD, node:http drops the body itself while keeping the GET Content-Length.
  response.end(body);
}
