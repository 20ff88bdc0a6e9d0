/** "not-a-server-error": no request in this suite may make the target fail with a 5xx. */
import type { Check } from '../model/check';

/**
 * Reported on its own, besides "status-code-expected", because a 5xx is a defect whatever the
 * scenario expected, and Schemathesis' not_a_server_error has taught users to look for it by name.
 * But for a 5xx the scenario itself names (`status` or `alsoAccept`): 501 to an OPTIONS probe is
 * the server saying it implements no such method (RFC 9110 §9.1), not failing.
 */
export const notAServerErrorCheck: Check = {
  id: 'not-a-server-error',
  title: 'The target does not answer with a server error (5xx)',
  run(exchange, context) {
    const status = exchange.response?.status;
    if (status === undefined || status < 500) return [];
    if (status === context.expect.status || context.expect.alsoAccept?.includes(status) === true) return [];
    return [
      {
        check: 'not-a-server-error',
        severity: 'error',
        title: `The target answered with a server error (${status})`,
        message: `Received: ${status} / Expected: a status below 500 (a well-formed request must not make the server fail)`,
        instancePath: '',
      },
    ];
  },
};
