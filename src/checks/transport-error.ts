/** "transport-error": the request never got an HTTP response (refused, DNS, TLS, reset …). */
import type { Check } from '../model/check';
import { excerpt } from '../text/plain-text';

/**
 * Timeouts have their own check ("timeout") because they usually mean a slow target rather than
 * an unreachable one, and summaries count them apart.
 */
export const transportErrorCheck: Check = {
  id: 'transport-error',
  title: 'The request completes with an HTTP response',
  run(exchange) {
    const error = exchange.error;
    if (error !== undefined && error.kind === 'timeout') return [];
    if (error !== undefined) {
      return [
        {
          check: 'transport-error',
          severity: 'error',
          title: `The request failed before a complete response (${error.kind})`,
          message: `Received: transport error ${error.kind}: ${excerpt(error.message)} / Expected: an HTTP response`,
          instancePath: '',
        },
      ];
    }
    // Neither a response nor an error means the transport lost the outcome; without this every
    // other check would return [] and the case would pass on no evidence at all.
    if (exchange.response === undefined) {
      return [
        {
          check: 'transport-error',
          severity: 'error',
          title: 'The exchange has neither a response nor a transport error',
          message: 'Received: nothing (no response, no error recorded) / Expected: an HTTP response',
          instancePath: '',
        },
      ];
    }
    return [];
  },
};
