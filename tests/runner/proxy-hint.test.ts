/**
 * Node's http and https ignore HTTP_PROXY, HTTPS_PROXY and NO_PROXY, and so does the suite: behind a
 * proxy that is the only way out, a target the run cannot reach should say so, naming the
 * variable, never its value (a proxy URL may carry user:password@).
 */
import { proxyHint } from '../../src/runner/proxy-hint';
import { preflight } from '../../src/runner/preflight';

const words = (variable: string, host: string): string => `${variable} is set, but the suite uses no proxy: it connects to ${host} directly`;

test('the variable for the target\'s scheme is named, in either case, ALL_PROXY for both; never its value', () => {
  expect(proxyHint('https://staging.example.test/zavu', { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' })).toBe(words('HTTPS_PROXY', 'staging.example.test'));
  expect(proxyHint('https://staging.example.test', { https_proxy: 'http://proxy.corp:3128' })).toBe(words('https_proxy', 'staging.example.test'));
  expect(proxyHint('http://mock.example.test:4010', { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'http://proxy.corp:3128' })).toBe(words('HTTP_PROXY', 'mock.example.test'));
  expect(proxyHint('http://mock.example.test:4010', { ALL_PROXY: 'socks5://proxy.corp:1080' })).toBe(words('ALL_PROXY', 'mock.example.test'));
  expect(proxyHint('https://staging.example.test', { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' })).not.toMatch(/s3cret|alice|proxy\.corp/);
});

test('nothing when no variable applies: another scheme\'s, an empty one, a loopback target, or a host NO_PROXY exempts', () => {
  expect(proxyHint('https://staging.example.test', {})).toBe('');
  expect(proxyHint('https://staging.example.test', { HTTP_PROXY: 'http://proxy.corp:3128' })).toBe('');
  expect(proxyHint('https://staging.example.test', { HTTPS_PROXY: '' })).toBe('');
  for (const local of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) expect(proxyHint(local, { HTTP_PROXY: 'http://proxy.corp:3128' })).toBe('');
  for (const noProxy of ['*', 'staging.example.test', '.example.test', 'example.test', 'other.test, example.test:443']) {
    expect(proxyHint('https://staging.example.test', { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: noProxy })).toBe('');
  }
  expect(proxyHint('https://staging.example.test', { HTTPS_PROXY: 'http://proxy.corp:3128', no_proxy: 'other.test' })).toBe(words('HTTPS_PROXY', 'staging.example.test'));
});

test('an unreachable target behind a proxy variable: the line says the suite went around the proxy, before the cause', async () => {
  // .invalid never resolves (RFC 2606), so nothing leaves the machine.
  const error = await preflight('https://zavu-conformance.invalid', 2000, { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' }).then(() => undefined, (caught: unknown) => caught);
  expect((error as Error).message).toMatch(/^target https:\/\/zavu-conformance\.invalid is unreachable: HTTPS_PROXY is set, but the suite uses no proxy: it connects to zavu-conformance\.invalid directly \(dns: /);
  expect((error as Error).message).not.toMatch(/s3cret|proxy\.corp/);
});
