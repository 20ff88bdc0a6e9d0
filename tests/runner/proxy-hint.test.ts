/**
 * Node's http and https ignore HTTP_PROXY, HTTPS_PROXY and NO_PROXY, and so does the suite: behind a
 * proxy that is the only way out, a target the run cannot reach should say so, naming the
 * variable, never its value (a proxy URL may carry user:password@).
 */
import { proxyHint } from '../../src/runner/proxy-hint';
import { preflight } from '../../src/runner/preflight';

const words = (variable: string, host: string): string => `${variable} is set, but the suite uses no proxy: it connects to ${host} directly`;

test('the variable for the target\'s scheme is named, in either case, ALL_PROXY for both; never its value', () => {
  expect(proxyHint('timeout', 'https://staging.example.test/zavu', { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' })).toBe(words('HTTPS_PROXY', 'staging.example.test'));
  expect(proxyHint('timeout', 'https://staging.example.test', { https_proxy: 'http://proxy.corp:3128' })).toBe(words('https_proxy', 'staging.example.test'));
  expect(proxyHint('timeout', 'http://mock.example.test:4010', { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'http://proxy.corp:3128' })).toBe(words('HTTP_PROXY', 'mock.example.test'));
  expect(proxyHint('timeout', 'http://mock.example.test:4010', { ALL_PROXY: 'socks5://proxy.corp:1080' })).toBe(words('ALL_PROXY', 'mock.example.test'));
  expect(proxyHint('timeout', 'https://staging.example.test', { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' })).not.toMatch(/s3cret|alice|proxy\.corp/);
});

test('nothing when no variable applies: another scheme\'s, an empty one, a loopback target, or a host NO_PROXY exempts', () => {
  expect(proxyHint('timeout', 'https://staging.example.test', {})).toBe('');
  expect(proxyHint('timeout', 'https://staging.example.test', { HTTP_PROXY: 'http://proxy.corp:3128' })).toBe('');
  expect(proxyHint('timeout', 'https://staging.example.test', { HTTPS_PROXY: '' })).toBe('');
  for (const local of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) expect(proxyHint('timeout', local, { HTTP_PROXY: 'http://proxy.corp:3128' })).toBe('');
  for (const noProxy of ['*', 'staging.example.test', '.example.test', 'example.test', 'other.test, example.test:443']) {
    expect(proxyHint('timeout', 'https://staging.example.test', { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: noProxy })).toBe('');
  }
  expect(proxyHint('timeout', 'https://staging.example.test', { HTTPS_PROXY: 'http://proxy.corp:3128', no_proxy: 'other.test' })).toBe(words('HTTPS_PROXY', 'staging.example.test'));
});

test('an unreachable target behind a proxy variable: the line says the suite went around the proxy, before the cause', async () => {
  // .invalid never resolves (RFC 2606), so nothing leaves the machine.
  const error = await preflight('https://zavu-conformance.invalid', 2000, { HTTPS_PROXY: 'http://alice:s3cret@proxy.corp:3128' }).then(() => undefined, (caught: unknown) => caught);
  expect((error as Error).message).toMatch(/^target https:\/\/zavu-conformance\.invalid is unreachable: HTTPS_PROXY is set, but the suite uses no proxy: it connects to zavu-conformance\.invalid directly \(dns: /);
  expect((error as Error).message).not.toMatch(/s3cret|proxy\.corp/);
});

test("NO_PROXY read as curl reads it: an IPv6 address bare, bracketed or with a port, an address range (CIDR), a trailing dot; a name's tail only at a dot", () => {
  const proxied = { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'http://proxy.corp:3128' };
  const exempt: Array<[string, string]> = [
    ['http://[fd00::1]:4010', 'fd00::1'],
    ['http://[fd00::1]:4010', '[fd00::1]'],
    ['http://[fd00::1]:4010', '[fd00::1]:4010'],
    ['http://[fd00::1]:4010', 'FD00:0:0::1'],
    ['http://[fd00::1]:4010', 'fd00::/8'],
    ['http://10.1.2.3:4010', '10.0.0.0/8'],
    ['http://10.1.2.3:4010', 'other.test,10.1.2.3:4010'],
    ['https://api.example.test.', 'example.test'],
    ['https://api.example.test', 'EXAMPLE.TEST.'],
  ];
  for (const [url, noProxy] of exempt) expect([url, noProxy, proxyHint('timeout', url, { ...proxied, NO_PROXY: noProxy })]).toEqual([url, noProxy, '']);
  const applies: Array<[string, string]> = [
    ['http://[fd00::2]:4010', 'fd00::1'],
    ['http://11.1.2.3:4010', '10.0.0.0/8'],
    ['https://notexample.test', 'example.test'],
    ['https://api.example.test', 'example.test.evil'],
  ];
  for (const [url, noProxy] of applies) expect(proxyHint('timeout', url, { ...proxied, NO_PROXY: noProxy })).toMatch(/_PROXY is set, but the suite uses no proxy/);
});

test('no TLS failure is said as the proxy\'s (a handshake that began reached something, an intercepting front\'s certificate has its own line), nor any failure to a loopback address however written', () => {
  const proxied = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://proxy.corp:3128' };
  expect(proxyHint('tls', 'https://staging.example.test', proxied)).toBe('');
  for (const kind of ['timeout', 'dns', 'connection-refused', 'reset', 'other'] as const) expect(proxyHint(kind, 'https://staging.example.test', proxied)).toBe(words('HTTPS_PROXY', 'staging.example.test'));
  for (const local of ['http://[::ffff:127.0.0.1]:4010', 'http://127.1.2.3:4010', 'http://LOCALHOST:4010', 'http://localhost.:4010']) expect(proxyHint('timeout', local, proxied)).toBe('');
});

test('NO_PROXY and no_proxy both read, whichever a client prefers (curl the lower case, Go the upper): an empty one does not hide the other', () => {
  const proxied = { HTTPS_PROXY: 'http://proxy.corp:3128' };
  expect(proxyHint('timeout', 'https://staging.example.test', { ...proxied, NO_PROXY: '', no_proxy: 'example.test' })).toBe('');
  expect(proxyHint('timeout', 'https://staging.example.test', { ...proxied, NO_PROXY: 'other.test', no_proxy: 'example.test' })).toBe('');
  expect(proxyHint('timeout', 'https://staging.example.test', { ...proxied, NO_PROXY: 'example.test', no_proxy: 'other.test' })).toBe('');
  expect(proxyHint('timeout', 'https://staging.example.test', { ...proxied, NO_PROXY: 'other.test', no_proxy: '' })).toBe(words('HTTPS_PROXY', 'staging.example.test'));
});
