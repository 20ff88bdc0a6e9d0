/** "body-too-large": the response body fits within the size bound (--max-body-bytes). */
import type { Check } from '../model/check';
import { excerpt } from '../text/plain-text';

/**
 * The transport dropped the connection once the body crossed the bound, on the wire or decoded
 * (a small compressed body may inflate past it). This is the one root cause for that exchange: the
 * body checks skip a cut-off body instead of judging its fragment (see parsed-body).
 */
export const bodyTooLargeCheck: Check = {
  id: 'body-too-large',
  title: 'The response body fits within the size bound',
  run(exchange) {
    const truncated = exchange.response?.truncated;
    if (truncated === undefined) return [];
    const codings = exchange.response?.headers['content-encoding'];
    const where =
      truncated.crossed === 'decoded'
        ? `decoded (Content-Encoding ${excerpt(codings ?? '', 60)}) to more than ${truncated.limitBytes} bytes from ${truncated.receivedBytes} bytes read`
        : `more than ${truncated.limitBytes} bytes (${truncated.receivedBytes} read before the connection was dropped)`;
    return [
      {
        check: 'body-too-large',
        severity: 'error',
        title: `The body is larger than the ${truncated.limitBytes}-byte bound`,
        message: `Received: a body that ${truncated.crossed === 'decoded' ? '' : 'ran to '}${where} / Expected: a body of at most ${truncated.limitBytes} bytes (--max-body-bytes)`,
        instancePath: '',
      },
    ];
  },
};
