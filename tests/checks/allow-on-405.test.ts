/** A 405 names the methods its resource takes (RFC 9110 §15.5.6): without Allow, a warning; any other status, nothing. */
import { allowOn405Check } from '../../src/checks/allow-on-405';
import { probeChecks } from '../../src/checks/registry';
import { context, exchange, jsonResponse } from './support/exchange-factory';

const refused = { code: 'method_not_allowed', message: 'Method Not Allowed' };

test('a 405 without Allow: a warning naming the method and the RFC', () => {
  expect(allowOn405Check.run(exchange(jsonResponse(405, refused)), context({ status: 405 }))).toEqual([
    {
      check: 'allow-on-405',
      severity: 'warning',
      title: 'A 405 without an Allow header',
      message: 'Received: 405 to GET with no Allow header / Expected: Allow: the methods the resource supports (RFC 9110 §15.5.6: a 405 MUST carry it), so a client learns what it may send instead',
      instancePath: '',
    },
  ]);
});

test('a 405 with Allow (even an empty one: no method at all), or any other status, has nothing to say; a probe is judged too', () => {
  for (const allow of ['POST', 'POST, OPTIONS', '']) expect(allowOn405Check.run(exchange(jsonResponse(405, refused, { allow })), context({ status: 405 }))).toEqual([]);
  expect(allowOn405Check.run(exchange(jsonResponse(404, refused)), context({ status: 404 }))).toEqual([]);
  expect(allowOn405Check.run(exchange(undefined), context())).toEqual([]);
  expect(probeChecks).toContain(allowOn405Check);
});
