/**
 * Twice against one long-lived `npm run mock`: the first run starts syncs and leaves them pending;
 * the second run must still be right, because each start's answer is predicted from the state
 * read just before it (a sandbox that remembers last night), not assumed fresh.
 */
import type { ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { spawnCli } from '../support/run-cli';

test('the second run against the same mock is conformant too: carried-over state is predicted, not failed', async () => {
  const mock = spawnCli('mock-main.js', ['--port', '0']);
  try {
    const info = JSON.parse(await mock.firstLine()) as Pick<ReferenceServer, 'baseUrl' | 'apiKey' | 'senders'>;
    expect(info.senders).toMatchObject({ syncable: 'snd_coex_syncable', notActive: 'snd_coex_pending_verification', otherProject: 'snd_other_project' });
    const env = serverEnv(info);
    const statusOf = (run: Awaited<ReturnType<typeof runConformanceCli>>, step: string) =>
      run.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/start-syncable')?.steps?.find((s) => s.id === step)?.receivedStatus;

    const first = await runConformanceCli(['--base-url', info.baseUrl, '--allow-writes'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(statusOf(first, 'start')).toBe(202);

    const second = await runConformanceCli(['--base-url', info.baseUrl, '--allow-writes'], env);
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.report?.summary.failed).toBe(0);
    // The history sync the first run started is still pending: now the start is predicted as in progress.
    expect(statusOf(second, 'start')).toBe(400);
    const sequence = second.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/start-syncable');
    expect(sequence?.status).toBe('passed');
  } finally {
    mock.child.kill('SIGTERM');
  }
  expect(await mock.ended).toMatchObject({ code: 0 });
});
