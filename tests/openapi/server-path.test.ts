/** serverPaths: the prefixes a spec's `servers` entries put before its paths, one of which --base-url must hold itself. */
import { missesServerPath, serverPaths } from '../../src/openapi/server-path';

test.each<[string, unknown, string[] | undefined]>([
  ['the shipped entry adds no path', [{ url: 'https://api.zavu.dev' }], undefined],
  ['a root slash adds none', [{ url: 'https://api.zavu.dev/' }], undefined],
  ['a path prefix', [{ url: 'https://api.zavu.dev/api/' }], ['/api']],
  ['a relative entry', [{ url: '/api/v9' }], ['/api/v9']],
  ['a relative entry without its slash', [{ url: 'api/v9' }], ['/api/v9']],
  // A base URL without a path is right for the entry that adds none: nothing to say.
  ['one entry of several adds none', [{ url: 'https://a.example/api' }, { url: 'https://b.example' }], undefined],
  ['each entry its own path', [{ url: 'https://a.example/api' }, { url: 'https://b.example/v2/' }], ['/api', '/v2']],
  ['a variable in the path is the user to pick', [{ url: 'https://zavu.dev/{base}' }], undefined],
  ['a variable in the host leaves the path known', [{ url: 'https://{region}.zavu.dev/api', variables: { region: { default: 'eu' } } }], ['/api']],
  ['percent-encoding alike in either case', [{ url: 'https://a.example/caf%c3%a9' }], ['/caf%C3%A9']],
  ['no servers', undefined, undefined],
  ['an empty list', [], undefined],
  ['not a list', { url: '/x' }, undefined],
])('%s', (_what, servers, expected) => {
  expect(serverPaths(servers === undefined ? {} : { servers })).toEqual(expected);
});

test('a base URL that ends with one of the server paths holds it; one that ends with none misses it', () => {
  expect(missesServerPath('https://staging.example', ['/api'])).toBe(true);
  expect(missesServerPath('https://staging.example/api/', ['/api'])).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/v2/api', ['/api'])).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/apix', ['/api'])).toBe(true);
  expect(missesServerPath('http://127.0.0.1:4010/v2', ['/api', '/v2'])).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/café', ['/caf%C3%A9'])).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/caf%c3%a9', ['/caf%C3%A9'])).toBe(false);
});
