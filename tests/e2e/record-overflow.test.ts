/**
 * A record run whose answers come to more than a replay reads: the live run judges every case, and
 * the recording is refused at its end (bounded-sink.ts). Its NOT RUN reports must not say that no
 * case was judged: every case was, only the recording a record run is for could not be written.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startMockBefore } from '../support/reference-proxy';
import { RECORDING_REFUSED_VERDICT } from '../../src/runner/not-run';

/** 15 MiB of a tag character (4 bytes each, escaped as 12 in a recording file): each answer counts 45 MiB against the 256 MiB bound. */
const BODY = '\u{E0041}'.repeat((15 * 1024 * 1024) / 4);

test('a record run past the bound: exit 2 in one line, the recordings folder left as it was, and NOT RUN saying the cases were judged', async () => {
  const server = await startReferenceServer();
  const fixtureReads = new Set(Object.values(server.senders).flat().map((id) => `/v1/senders/${id}/whatsapp-sync`));
  // Seven big answers (315 MiB as a recording holds them), then the reference server's own: the run stays short.
  let big = 7;
  const mock = await startMockBefore(server, (req) => {
    if (!fixtureReads.has(req.url ?? '') || big === 0) return undefined;
    big -= 1;
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: BODY };
  });
  try {
    const run = await runConformanceCli(['--base-url', mock.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--mode', 'record', '--recordings', 'rec'], serverEnv(server), undefined, 240000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/recording not written: the answers to record came to more than 268435456 bytes/);
    expect(existsSync(join(run.cwd, 'rec')) ? readdirSync(join(run.cwd, 'rec')) : []).toEqual([]);
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary).toContain('NOT RUN');
    expect(summary).not.toContain('no case was judged');
    expect(summary).toContain(RECORDING_REFUSED_VERDICT);
  } finally {
    await mock.close();
    await server.close();
  }
}, 300000);
