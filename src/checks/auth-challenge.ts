/**
 * "auth-challenge": a 401 says how to authenticate, and says it alike for every id a caller may
 * not see. RFC 9110 §11.6.1 and §15.5.2: a server that answers 401 MUST send WWW-Authenticate with
 * at least one challenge; RFC 6750 §3: for a bearer token, the Bearer one. A missing one is a
 * warning, not a failure: the contract documents the 401's body and not this header, and clients
 * of the API read the body; a gate should not fall on what the contract leaves unsaid, but a
 * reviewer should see it. A challenge that differs from an unknown id's (a model binds it) is an
 * error: it enumerates senders.
 */
import type { Check } from '../model/check';
import type { Exchange } from '../model/http';
import type { Violation } from '../model/violation';
import { judgedResponse } from './support/outside-contract';
import { challengeSchemes, comparableChallenge } from '../text/comparable-challenge';
import { describeValue, excerpt } from '../text/plain-text';

/**
 * Whether a challenge list (RFC 9110 §11.6.1: `challenge *( "," challenge )`) holds a Bearer
 * challenge: its scheme in any case (§11.1), not the word inside a quoted value or as a parameter's name.
 */
function hasBearerChallenge(challenge: string): boolean {
  return challengeSchemes(challenge).includes('bearer');
}

/**
 * A 401 whose challenge reads otherwise than the unknown id's did (a model's sameChallenge): a
 * realm naming the owner's project, or an error code only a real sender gets ("insufficient_scope"
 * where an unknown id gets "invalid_token"), tells a caller who may not see the sender that it
 * exists, and where. An error, as the body's words are on these rows.
 */
function challengeTold(exchange: Exchange, expected: string | undefined): Violation[] {
  const response = exchange.response;
  if (expected === undefined || response?.status !== 401) return [];
  const challenge = response.headers['www-authenticate'];
  if (comparableChallenge(challenge ?? '', exchange.request.path) === expected) return [];
  const shown = (text: string | undefined): string => (text === undefined || text === '' ? 'none' : JSON.stringify(excerpt(text, 200)));
  return [
    {
      check: 'auth-challenge',
      severity: 'error',
      title: "The 401's challenge is not the unknown id's",
      message: `Received: WWW-Authenticate ${shown(challenge)} / Expected: the challenge an id that names no sender got (${shown(expected)}, realm, scope and error as sent, a scope's tokens in any order, but for the id asked for, UUIDs, times, long ids with a digit and the host, region, pod or counter that answered, every other parameter's value set aside): a caller who may not see the sender learns from a realm, a scope or an error code of its own that it exists, and where`,
      instancePath: '',
    },
  ];
}

export const authChallengeCheck: Check = {
  id: 'auth-challenge',
  title: 'A 401 carries a WWW-Authenticate challenge for the Bearer scheme',
  run(exchange, context) {
    const told = challengeTold(exchange, context.expect.sameChallenge);
    if (told.length > 0) return told;
    // A 401 outside the contract (from a front, on a path no route takes) is not the API's to judge.
    const response = judgedResponse(exchange, context.expect);
    if (response?.status !== 401) return [];
    const challenge = response.headers['www-authenticate'];
    if (challenge !== undefined && hasBearerChallenge(challenge)) return [];
    const received = challenge === undefined || challenge.trim() === '' ? 'no WWW-Authenticate header' : `WWW-Authenticate: ${describeValue(challenge, 200)}, no Bearer challenge`;
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
