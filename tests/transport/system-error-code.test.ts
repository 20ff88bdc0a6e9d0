import { systemErrorCode } from '../../src/transport/system-error-code';

test("a Node system error's code is taken as it is", () => {
  expect(systemErrorCode(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
  expect(systemErrorCode(Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }))).toBe('ENOTFOUND');
  expect(systemErrorCode(Object.assign(new Error('wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }))).toBe('ERR_SSL_WRONG_VERSION_NUMBER');
});

test("an AggregateError without a code of its own (each address of a host tried) gives its first error's", () => {
  const refused = (address: string): Error => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
  expect(systemErrorCode(new AggregateError([refused('::1:9'), refused('127.0.0.1:9')], ''))).toBe('ECONNREFUSED');
});

test('no code, or anything not shaped like one (text, too long, not a string), is none: the caller says why in its own code', () => {
  expect(systemErrorCode(new Error('connect failed'))).toBeUndefined();
  expect(systemErrorCode(undefined)).toBeUndefined();
  expect(systemErrorCode('ECONNREFUSED')).toBeUndefined();
  expect(systemErrorCode({ code: 'connection refused by peer' })).toBeUndefined();
  expect(systemErrorCode({ code: `E${'X'.repeat(64)}` })).toBeUndefined();
  expect(systemErrorCode({ code: 'ECONN\u202eREFUSED' })).toBeUndefined();
  expect(systemErrorCode({ code: 111 })).toBeUndefined();
  expect(systemErrorCode(new AggregateError([new Error('a')], ''))).toBeUndefined();
});
