/** serverPath: the prefix a spec's `servers` entry puts before its paths, which --base-url must hold itself. */
import { missesServerPath, serverPath } from '../../src/openapi/server-path';

test.each<[string, unknown, string | undefined]>([
  ['the shipped entry adds no path', [{ url: 'https://api.zavu.dev' }], undefined],
  ['a root slash adds none', [{ url: 'https://api.zavu.dev/' }], undefined],
  ['a path prefix', [{ url: 'https://api.zavu.dev/api/' }], '/api'],
  ['a relative entry', [{ url: '/api/v9' }], '/api/v9'],
  ['only the first entry counts', [{ url: 'https://a.example' }, { url: 'https://b.example/x' }], undefined],
  ['a variable is the user to pick', [{ url: 'https://{region}.zavu.dev/{base}' }], undefined],
  ['no servers', undefined, undefined],
  ['not a list', { url: '/x' }, undefined],
])('%s', (_what, servers, expected) => {
  expect(serverPath(servers === undefined ? {} : { servers })).toBe(expected);
});

test('a base URL that ends with the server path holds it; one that does not misses it', () => {
  expect(missesServerPath('https://staging.example', '/api')).toBe(true);
  expect(missesServerPath('https://staging.example/api/', '/api')).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/v2/api', '/api')).toBe(false);
  expect(missesServerPath('http://127.0.0.1:4010/apix', '/api')).toBe(true);
});
