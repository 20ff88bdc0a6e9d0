/**
 * "allow-on-405": a 405 says which methods the resource takes. RFC 9110 §15.5.6: the origin server
 * MUST generate an Allow header field in a 405 (Method Not Allowed) response containing a list of
 * the target resource's currently supported methods. The suite meets a 405 where it asks a path
 * with a method the path does not document (a GET on a start's path, an OPTIONS), whoever answers
 * it, the API or a router in front: a warning, as the contract documents no 405 at all.
 */
import type { Check } from '../model/check';

export const allowOn405Check: Check = {
  id: 'allow-on-405',
  title: 'A 405 carries the Allow header RFC 9110 requires',
  run(exchange) {
    const response = exchange.response;
    if (response?.status !== 405 || response.headers['allow'] !== undefined) return [];
    return [
      {
        check: 'allow-on-405',
        severity: 'warning',
        title: 'A 405 without an Allow header',
        message: `Received: 405 to ${exchange.request.method} with no Allow header / Expected: Allow: the methods the resource supports (RFC 9110 §15.5.6: a 405 MUST carry it), so a client learns what it may send instead`,
        instancePath: '',
      },
    ];
  },
};
