import { authChallengeCheck } from '../../src/checks/auth-challenge';
import { allChecks } from '../../src/checks/registry';
import { comparableChallenge } from '../../src/text/comparable-challenge';
import { context, exchange, jsonResponse } from './support/exchange-factory';

const unauthorized = { code: 'unauthorized', message: 'Unauthorized' };
const judge = (status: number, headers: Record<string, string> = {}) => authChallengeCheck.run(exchange(jsonResponse(status, unauthorized, headers)), context());

describe('auth-challenge', () => {
  test('a 401 with a Bearer challenge, alone or among others, in any case, with parameters: nothing to say', () => {
    for (const challenge of ['Bearer', 'bearer realm="zavu"', 'Basic realm="x", Bearer error="invalid_token"', 'Bearer,Basic']) expect(judge(401, { 'www-authenticate': challenge })).toEqual([]);
  });

  test('a 401 without WWW-Authenticate: a warning citing RFC 9110', () => {
    expect(judge(401)).toEqual([
      {
        check: 'auth-challenge',
        severity: 'warning',
        title: 'A 401 with no WWW-Authenticate challenge',
        message: 'Received: no WWW-Authenticate header / Expected: WWW-Authenticate: Bearer … (RFC 9110 §11.6.1: a 401 MUST carry a challenge; RFC 6750 §3: the Bearer scheme\'s)',
        instancePath: '',
      },
    ]);
    expect(judge(401, { 'www-authenticate': '  ' })[0]?.title).toBe('A 401 with no WWW-Authenticate challenge');
  });

  test('a challenge of another scheme only (a token that merely contains "bearer" is not one): a warning naming it', () => {
    expect(judge(401, { 'www-authenticate': 'Basic realm="x"' })[0]?.message).toMatch(/^Received: WWW-Authenticate: "Basic realm=\\"x\\"", no Bearer challenge \//);
    expect(judge(401, { 'www-authenticate': 'Bearerish' })).toHaveLength(1);
    // Inside a quoted value, or as a parameter's name, "Bearer" starts no challenge (RFC 9110 §11.6.1, §5.6.4).
    expect(judge(401, { 'www-authenticate': 'Basic realm="a, Bearer b"' })).toHaveLength(1);
    expect(judge(401, { 'www-authenticate': 'Basic realm="x", bearer ="y"' })).toHaveLength(1);
  });

  test('a long challenge is quoted cut, the cut marked "…" (the scrubber looks at each marked cut for the head of a key)', () => {
    const challenge = `Basic realm="${'r'.repeat(300)}"`;
    const message = judge(401, { 'www-authenticate': challenge })[0]?.message ?? '';
    expect(message).toMatch(/^Received: WWW-Authenticate: "Basic realm=\\"r+… \(a string of 314 chars\), no Bearer challenge \//);
    expect(message.indexOf('…')).toBe('Received: WWW-Authenticate: '.length + 200);
  });

  test('every exchange goes through it', () => {
    expect(allChecks).toContain(authChallengeCheck);
  });

  test('any other status: not this check\'s business', () => {
    for (const status of [200, 400, 403, 404]) expect(judge(status)).toEqual([]);
  });

  test("a 401 whose challenge is not the unknown id's (a model's sameChallenge): an error, the id asked for set aside", () => {
    const at = (challenge: string | undefined, sameChallenge: string, path = '/v1/senders/snd_1/whatsapp-sync') => {
      const sent = exchange(jsonResponse(401, unauthorized, challenge === undefined ? {} : { 'www-authenticate': challenge }));
      return authChallengeCheck.run({ ...sent, request: { ...sent.request, path } }, { ...context({ status: 401 }), expect: { ...context({ status: 401 }).expect, sameChallenge } });
    };
    expect(at('Bearer realm="zavu"', comparableChallenge('Bearer realm="zavu"', '/v1/senders/snd_9/whatsapp-sync'))).toEqual([]);
    // The scheme in another case (RFC 9110 §11.1) is the same challenge; a realm in another case is not.
    expect(at('bearer realm="zavu"', comparableChallenge('Bearer realm="zavu"', '/v1/senders/snd_9/whatsapp-sync'))).toEqual([]);
    expect(at('Bearer realm="Zavu"', comparableChallenge('Bearer realm="zavu"', '/v1/senders/snd_9/whatsapp-sync'))).toHaveLength(1);
    // The id each request asked for is set aside, as in a message (here in error, whose value is compared).
    expect(at('Bearer error="no_key_for_snd_1"', comparableChallenge('Bearer error="no_key_for_snd_9"', '/v1/senders/snd_9/whatsapp-sync'))).toEqual([]);
    expect(at('Bearer error="invalid_token", error_description="no key for snd_1"', comparableChallenge('Bearer error="invalid_token", error_description="no key for the sender snd_9"', '/v1/senders/snd_9/whatsapp-sync'))).toEqual([]);
    expect(at('Bearer realm="acme"', 'Bearer realm="zavu"')).toEqual([
      {
        check: 'auth-challenge',
        severity: 'error',
        title: "The 401's challenge is not the unknown id's",
        message: 'Received: WWW-Authenticate "Bearer realm=\\"acme\\"" / Expected: the challenge an id that names no sender got ("Bearer realm=\\"zavu\\"", realm, scope and error as sent, a scope\'s tokens in any order, but for the id asked for, UUIDs, times, long ids with a digit and the host, region, pod or counter that answered, every other parameter\'s value set aside): a caller who may not see the sender learns from a realm, a scope or an error code of its own that it exists, and where',
        instancePath: '',
      },
    ]);
    // An opaque value (a nonce) differs from request to request: set aside, as every parameter's but realm, scope and error.
    expect(at('Bearer realm="zavu", nonce="Zk+Qx/aBcD+eF=="', comparableChallenge('Bearer realm="zavu", nonce="Ab+Qq/zzcD+eF=="', '/v1/senders/snd_9/whatsapp-sync'))).toEqual([]);
    expect(at('Bearer realm="zavu", scope="proj_acme"', comparableChallenge('Bearer realm="zavu", scope="senders"', '/v1/senders/snd_9/whatsapp-sync'))).toHaveLength(1);
    // A challenge only where the unknown id had none, or none where it had one.
    expect(at('Bearer realm="acme"', '')[0]?.message).toContain('the challenge an id that names no sender got (none,');
    expect(at(undefined, 'Bearer')[0]?.message).toMatch(/^Received: WWW-Authenticate none /);
    // Another status: not compared.
    const ok = exchange(jsonResponse(404, unauthorized, { 'www-authenticate': 'Bearer realm="acme"' }));
    expect(authChallengeCheck.run(ok, { ...context({ status: 404 }), expect: { ...context({ status: 404 }).expect, sameChallenge: 'Bearer' } })).toEqual([]);
  });
});
