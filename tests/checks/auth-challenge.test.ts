import { authChallengeCheck } from '../../src/checks/auth-challenge';
import { allChecks } from '../../src/checks/registry';
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
  });

  test('every exchange goes through it', () => {
    expect(allChecks).toContain(authChallengeCheck);
  });

  test('any other status: not this check\'s business', () => {
    for (const status of [200, 400, 403, 404]) expect(judge(status)).toEqual([]);
  });
});
