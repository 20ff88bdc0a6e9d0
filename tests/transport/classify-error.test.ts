/** Node's network errors as the closed set of kinds, with a message a person reads on one line. */
import { classifyError } from '../../src/transport/classify-error';

test("a TLS error keeps Node's code and OpenSSL's reason, not OpenSSL's internals (thread id, packed code, function, source line)", () => {
  // As Node 20-22 build it for https:// to a port that answers plain HTTP, line break and all.
  const error = Object.assign(new Error('80ACCAB35F7F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' });
  expect(classifyError(error, 1000)).toEqual({ kind: 'tls', message: 'ERR_SSL_WRONG_VERSION_NUMBER: wrong version number' });
});

test('a message that is not an OpenSSL line is kept as it is, on one line', () => {
  const error = Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' });
  expect(classifyError(error, 1000)).toEqual({ kind: 'tls', message: 'CERT_HAS_EXPIRED: certificate has expired' });
  expect(classifyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9\n'), { code: 'ECONNREFUSED' }), 1000)).toEqual({ kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9' });
});

test("a message's line and paragraph separators and look-alike spaces stay as they came, for the excerpt that shows it to escape: only layout's whitespace is folded", () => {
  // A certificate's CN, which a target chooses, is quoted in Node's altname error: folded into a plain space, "evil\u2028x" would read "evil x".
  const error = Object.assign(new Error("Hostname/IP does not match certificate's altnames: Host: localhost. is not cert's CN: evil\u2028x\u2029y\u00a0z\n"), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  expect(classifyError(error, 1000)).toEqual({ kind: 'tls', message: "ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames: Host: localhost. is not cert's CN: evil\u2028x\u2029y\u00a0z" });
});

test("a host of several addresses all refused (Node's AggregateError, its own message empty) names each address tried, not an empty cause", () => {
  // localhost on most machines is ::1 and 127.0.0.1; Node 20 tries each (autoSelectFamily) and
  // gives their errors in one whose message is "": the line read "(connection-refused: ECONNREFUSED: )".
  const refused = (address: string): Error => Object.assign(new Error(`connect ECONNREFUSED ${address}:4011`), { code: 'ECONNREFUSED' });
  const all = Object.assign(new AggregateError([refused('::1'), refused('127.0.0.1')], ''), { code: 'ECONNREFUSED' });
  expect(classifyError(all, 1000)).toEqual({ kind: 'connection-refused', message: 'ECONNREFUSED: connect ECONNREFUSED ::1:4011; connect ECONNREFUSED 127.0.0.1:4011' });
  // Bounded: past three addresses, the rest counted.
  const many = Object.assign(new AggregateError(['::1', '127.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.3'].map(refused), ''), { code: 'ECONNREFUSED' });
  expect(classifyError(many, 1000).message).toBe('ECONNREFUSED: connect ECONNREFUSED ::1:4011; connect ECONNREFUSED 127.0.0.1:4011; connect ECONNREFUSED 10.0.0.1:4011; and 2 more');
  // Four: the fourth named, never "and 1 more".
  const four = Object.assign(new AggregateError(['::1', '127.0.0.1', '10.0.0.1', '10.0.0.2'].map(refused), ''), { code: 'ECONNREFUSED' });
  expect(classifyError(four, 1000).message).toBe('ECONNREFUSED: connect ECONNREFUSED ::1:4011; connect ECONNREFUSED 127.0.0.1:4011; connect ECONNREFUSED 10.0.0.1:4011; connect ECONNREFUSED 10.0.0.2:4011');
});

test("a deadline that passed after the answer's head came says how much came, not 'no response'; one that found every byte in says its decoding did not end", () => {
  const deadline = (begun?: object): Error => Object.assign(new Error('deadline'), { code: 'ETIMEDOUT', ...(begun !== undefined ? { begun } : {}) });
  expect(classifyError(deadline(), 300)).toEqual({ kind: 'timeout', message: 'no complete response within 300 ms' });
  expect(classifyError(deadline({ status: 200, bytes: 81 }), 300)).toEqual({ kind: 'timeout', message: 'status 200 and 81 bytes of the answer came, not the rest, within 300 ms', headCame: true, headStatus: 200 });
  expect(classifyError(deadline({ status: 200, bytes: 5000, whole: true }), 300)).toEqual({ kind: 'timeout', message: 'the answer (status 200, 5000 bytes) came whole, but was not decoded within 300 ms', headCame: true, headStatus: 200 });
});
