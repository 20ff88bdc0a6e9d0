/**
 * A spec whose `servers` entry moved the API under a path (/api) while --base-url holds none: the
 * suite never follows `servers`, so a live run says --base-url is what counts, before the cases.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverPathNote } from '../../src/runner/server-path-note';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');

const note = "the spec's servers entry serves its paths under /api; requests go to --base-url as given (http://127.0.0.1:4010), each operation's path appended, and --base-url is what counts: add /api to it if the API is served there";

test('a live base URL without the server path is told; one with it, the embedded server and a replay are not', () => {
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live' }, ['/api'])).toEqual([note]);
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010/api', mode: 'live' }, ['/api'])).toEqual([]);
  expect(serverPathNote({ mode: 'live' }, ['/api'])).toEqual([]);
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'replay' }, ['/api'])).toEqual([]);
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live' }, undefined)).toEqual([]);
  // The setting as the user gave it.
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live', labels: { baseUrl: 'ZAVU_BASE_URL' } }, ['/api'])[0]).toContain('requests go to ZAVU_BASE_URL as given');
});

test('several entries: a base URL under any of them is told nothing; under none, they are named, a few and bounded', () => {
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010/v2', mode: 'live' }, ['/api', '/v2'])).toEqual([]);
  expect(serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live' }, ['/api', '/v2'])).toEqual([
    "the spec's servers entries serve its paths under /api or /v2; requests go to --base-url as given (http://127.0.0.1:4010), each operation's path appended, and --base-url is what counts: add one to it if the API is served there",
  ]);
  const [many] = serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live' }, ['/a', '/b', `/${'c'.repeat(500)}`, '/d', '/e']);
  expect(many).toContain(`under /a, /b, /${'c'.repeat(199)}… or 2 more;`);
  // One past the three is named, never "or 1 more".
  const [four] = serverPathNote({ baseUrl: 'http://127.0.0.1:4010', mode: 'live' }, ['/a', '/b', '/c', '/d']);
  expect(four).toContain('under /a, /b, /c or /d;');
});

test('a live run under such a spec says it before the cases and keeps it in the report', async () => {
  const dir = scratchDir('zvc-server-path-');
  const spec = join(dir, 'moved.yaml');
  writeFileSync(spec, readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8').replace('  - url: https://api.zavu.dev\n', '  - url: https://api.zavu.dev/api\n'));
  const server = await library.startReferenceServer();
  try {
    // The target named as the caller gave it (the baseUrl option), as the library's other target lines name it.
    let said = '';
    const { report } = await library.runConformance({ operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, cwd: dir, spec, baseUrl: server.baseUrl, apiKey: server.apiKey, senders: server.senders, out: (text) => { said += text; }, signal: AbortSignal.timeout(50_000) });
    const line = `note: the spec's servers entry serves its paths under /api; requests go to baseUrl as given (${server.baseUrl}), each operation's path appended, and baseUrl is what counts: add /api to it if the API is served there`;
    expect(said.split('\n').filter((l) => l === line)).toHaveLength(1);
    expect(report.runInfo.notes?.some((n) => n.startsWith("the spec's servers entry serves its paths under /api"))).toBe(true);
  } finally {
    await server.close();
  }
}, 60_000);
