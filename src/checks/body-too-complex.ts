/** "body-too-complex": a JSON body nested deeper, or holding more values, than the suite judges. */
import type { Check } from '../model/check';
import { JSON_LIMITS } from './support/json-structure';
import { parseJsonBody } from './support/parsed-body';

/**
 * An error, not a warning: no check has judged such a body (they would overflow the stack or work
 * without bound), so it cannot pass; and no documented body comes near the limits, so a body
 * beyond them is beyond what any documented schema describes. It applies whatever the status: a
 * hostile target must not get an unjudged body through by choosing an undocumented status.
 */
export const bodyTooComplexCheck: Check = {
  id: 'body-too-complex',
  title: `A JSON body is nested at most ${JSON_LIMITS.depth} deep and holds at most ${JSON_LIMITS.values} values`,
  run(exchange) {
    const response = exchange.response;
    if (response === undefined) return [];
    const parsed = parseJsonBody(response);
    if (parsed.ok || parsed.reason !== 'too-complex') return [];
    return [
      {
        check: 'body-too-complex',
        severity: 'error',
        title: `The ${response.status} body is too complex to judge`,
        message: `Received: a JSON body of ${response.bodyText.length} chars with ${parsed.error} / Expected: JSON nested at most ${JSON_LIMITS.depth} deep with at most ${JSON_LIMITS.values} values (no other check judged this body)`,
        instancePath: '',
      },
    ];
  },
};
