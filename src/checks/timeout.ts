/** "timeout": the target did not answer within the transport's time limit. */
import type { Check } from '../model/check';
import { excerpt } from '../text/plain-text';

export const timeoutCheck: Check = {
  id: 'timeout',
  title: 'The target answers before the time limit',
  run(exchange) {
    const error = exchange.error;
    if (error === undefined || error.kind !== 'timeout') return [];
    return [
      {
        check: 'timeout',
        severity: 'error',
        title: 'The request timed out',
        message: `Received: no response after ${Math.round(exchange.durationMs)} ms (${excerpt(error.message)}) / Expected: an HTTP response within the time limit`,
        instancePath: '',
      },
    ];
  },
};
