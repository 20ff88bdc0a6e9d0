/**
 * A hand-written mock whose keys live in a plain object (`keys[token]`): "Bearer constructor" finds
 * a function there, is taken for a caller, and that caller owns no sender, so the key's own sender
 * is answered 404. The old reading ("looked up before authenticating: sender ids can be
 * enumerated") sent the mock's author to an order of checks that was right; the case now says the
 * credentials were not refused. Another project's sender answered 404 without credentials reads
 * alike, named as that project's: it exists too, and a lookup before authenticating would find it.
 */
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startKeysAsObjectMock } from '../support/reference-proxy';

test("a mock that takes \"Bearer constructor\" for a caller: its 404 for the key's own sender reads as credentials not refused; so does another project's sender's 404 without credentials, named as that project's", async () => {
  const server = await startReferenceServer();
  const mock = await startKeysAsObjectMock(server);
  try {
    const run = await runConformanceCli(['--base-url', mock.baseUrl, '--allow-writes', '--mock-target', '--fuzz-runs', '0', '--seed', '1', '--operation', 'getWhatsAppSyncStatus'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const message = (id: string): string => run.report?.results.find((r) => r.id === id)?.violations.find((v) => v.check === 'status-code-expected')?.message ?? `no status-code-expected error in ${id}`;
    expect(message('getWhatsAppSyncStatus/key-property-name')).toMatch(/^Received: 404 \(these credentials were not refused: ZAVU_SENDER_[A-Z_]+ "[^"]+" \(configured as a sender of the key's own project\) was looked up for them and not found \(404\)/);
    // Another project's sender exists too: a lookup before authenticating would find it and answer 401.
    expect(message('getWhatsAppSyncStatus/other-project-sender-no-credentials')).toMatch(/^Received: 404 \(a request without credentials was not refused: ZAVU_SENDER_OTHER_PROJECT "[^"]+" \(configured as the other project's sender\) was looked up for it and not found \(404\)/);
  } finally {
    await mock.close();
    await server.close();
  }
}, 120_000);
