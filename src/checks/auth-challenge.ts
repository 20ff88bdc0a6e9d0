/**
 * "auth-challenge": a 401 says how to authenticate. RFC 9110 §11.6.1 and §15.5.2: a server that
 * answers 401 MUST send WWW-Authenticate with at least one challenge; RFC 6750 §3: for a bearer
 * token, the Bearer one. A warning, not a failure: the contract documents the 401's body and not
 * this header, and clients of the API read the body; a gate should not fall on what the contract
 * leaves unsaid, but a reviewer should see it.
 */
import type { Check } from '../model/check';
import { judgedResponse } from './support/outside-contract';

/** A challenge list (RFC 9110 §11.6.1: `challenge *( "," challenge )`) that names the Bearer scheme. */
const BEARER_CHALLENGE = /(?:^|,)\s*bearer(?:\s|,|$)/i;

export const authChallengeCheck: Check = {
  id: 'auth-challenge',
  title: 'A 401 carries a WWW-Authenticate challenge for the Bearer scheme',
  run(exchange, context) {
    // A 401 outside the contract (from a front, on a path no route takes) is not the API's to judge.
    const response = judgedResponse(exchange, context.expect);
    if (response?.status !== 401) return [];
    const challenge = response.headers['www-authenticate'];
    if (challenge !== undefined && BEARER_CHALLENGE.test(challenge)) return [];
    const received = challenge === undefined || challenge.trim() === '' ? 'no WWW-Authenticate header' : `WWW-Authenticate: ${JSON.stringify(challenge.slice(0, 200))}, no Bearer challenge`;
    return [
      {
        check: 'auth-challenge',
        severity: 'warning',
        title: `A 401 with ${challenge === undefined || challenge.trim() === '' ? 'no WWW-Authenticate challenge' : 'no Bearer challenge'}`,
        message: `Received: ${received} / Expected: WWW-Authenticate: Bearer … (RFC 9110 §11.6.1: a 401 MUST carry a challenge; RFC 6750 §3: the Bearer scheme's)`,
        instancePath: '',
      },
    ];
  },
};
