/** "timeout": the target did not answer within the transport's time limit. */
import type { Check } from '../model/check';
import type { KeepAliveIgnored } from '../model/http';
import type { Violation } from '../model/violation';
import { excerpt } from '../text/plain-text';

/**
 * A read answered only on a fresh connection after its reused kept-alive one stayed silent to the
 * deadline (http-transport.ts): the answer is judged, and this says what it cost. A warning: the
 * API answered; what ignores kept-alive requests is more likely a proxy or load balancer in front,
 * which would cost any keep-alive client (every browser, the official SDK) a timeout too.
 */
function keepAliveWarning(ignored: KeepAliveIgnored, durationMs: number): Violation {
  const ended = ignored.endedReuse === true ? ` The target ignored a request on a reused connection ${ignored.after} times, so it does not honour keep-alive: every later request of the run went on a connection of its own.` : '';
  return {
    check: 'timeout',
    severity: 'warning',
    title: 'The target did not answer on a kept-alive connection',
    message: `Received: no byte of an answer on a reused kept-alive connection within --timeout; the same read on a fresh connection was answered (in ${Math.round(durationMs)} ms).${ended} / Expected: an answer on a connection the target kept alive (RFC 9112 §9.3), as on a fresh one`,
    instancePath: '',
  };
}

export const timeoutCheck: Check = {
  id: 'timeout',
  title: 'The target answers before the time limit',
  run(exchange) {
    const error = exchange.error;
    if (exchange.keepAliveIgnored !== undefined) return [keepAliveWarning(exchange.keepAliveIgnored, exchange.durationMs)];
    if (error === undefined || error.kind !== 'timeout') return [];
    return [
      {
        check: 'timeout',
        severity: 'error',
        title: 'The request timed out',
        message: `Received: no complete response after ${Math.round(exchange.durationMs)} ms (${excerpt(error.message)}) / Expected: an HTTP response within the time limit`,
        instancePath: '',
      },
    ];
  },
};
