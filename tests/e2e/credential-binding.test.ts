/**
 * The credential rows that send the valid key spelt otherwise (a lower-case "bearer", extra spaces)
 * go to `any`: the first configured of the coexistence, no-WABA and not-coexistence senders, else
 * the unknown id. Each is judged by the status of the sender it was bound to, alone: a coexistence
 * sender's 200, the unknown id's 404. Live, as a mock, and replayed from a recording that keeps the
 * binding; a recording made before it was kept replays as before (any of those statuses), and says so.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseResult } from '../../src/model';
import { startReferenceServer, type ReferenceServer, type ResponseFault } from '../../src/reference-server';
import { runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { isSenderKind, isUnknownSender, jsonAnswer, storedSync, when } from '../support/fault-builders';

const ROWS = ['getWhatsAppSyncStatus/lowercase-bearer-scheme', 'getWhatsAppSyncStatus/padded-bearer-token'];
const READ = ['--operation', 'getWhatsAppSyncStatus'];

/** No sender configured but those `any` does not take: it falls back to the unknown id. */
const UNKNOWN_ONLY = { ZAVU_SENDER_COEXISTENCE: '', ZAVU_SENDER_NO_WABA: '', ZAVU_SENDER_NOT_COEXISTENCE: '' };

/** The valid key after a lower-case scheme: the lowercase-bearer-scheme row's request. */
const lowerCaseScheme = (authorization: string | undefined, apiKey: string): boolean => authorization === `bearer ${apiKey}`;

/** Takes "bearer" as a credential of no project: every sender it names is not found (a coexistence sender's 404). */
const notFoundForLowerCaseScheme: ResponseFault = when(
  (context) => lowerCaseScheme(context.authorization, context.apiKey) && isSenderKind('coexistence')(context),
  () => jsonAnswer(404, { code: 'not_found', message: 'Sender not found' }),
);

/** Serves any id to a lower-case "bearer", one that names no sender too (the unknown id's 200), with a coexistence sender's sync. */
const servesUnknownForLowerCaseScheme: ResponseFault = when(
  (context) => lowerCaseScheme(context.authorization, context.apiKey) && isUnknownSender(context),
  (context) => jsonAnswer(200, { sync: storedSync({ ...context, senderId: 'snd_coex_active' }) }),
);

async function withServer<T>(fault: ResponseFault | undefined, body: (server: ReferenceServer) => Promise<T>): Promise<T> {
  const server = await startReferenceServer({ host: '127.0.0.1', port: 0, ...(fault !== undefined ? { fault } : {}) });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

const resultOf = (run: ConformanceRun, id: string): CaseResult | undefined => run.report?.results.find((r) => r.id === id);

function expectRows(run: ConformanceRun, fields: Partial<CaseResult>): void {
  for (const id of ROWS) expect(resultOf(run, id)).toMatchObject({ id, ...fields });
}

describe('live: each credential row expects its bound sender\'s own status', () => {
  test('the reference server stays green with a coexistence sender configured (200 expected and got), and as a mock', async () => {
    await withServer(undefined, async (server) => {
      const run = await runConformanceCli(['--base-url', server.baseUrl, ...READ], serverEnv(server));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectRows(run, { status: 'passed', expectedStatus: 200, receivedStatus: 200, expectedAs: '200 (senderId bound to role coexistence)' });
      const mock = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', '--mock-target', ...READ], serverEnv(server));
      expect(mock.code).toBe(0);
      expectRows(mock, { status: 'passed', expectedStatus: 200, receivedStatus: 200 });
    });
  });

  test('the reference server stays green with no sender configured: the rows go to the unknown id and expect its 404', async () => {
    await withServer(undefined, async (server) => {
      const run = await runConformanceCli(['--base-url', server.baseUrl, ...READ], { ...serverEnv(server), ...UNKNOWN_ONLY });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expectRows(run, { status: 'passed', expectedStatus: 404, receivedStatus: 404, expectedAs: '404 (senderId bound to role unknown)' });
    });
  });

  test('a server that answers 404 for the configured coexistence sender to a lower-case "bearer" fails that row (once accepted as "200 or 400 or 404")', async () => {
    await withServer(notFoundForLowerCaseScheme, async (server) => {
      const run = await runConformanceCli(['--base-url', server.baseUrl, ...READ], serverEnv(server));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const row = resultOf(run, ROWS[0] ?? '');
      expect(row).toMatchObject({ status: 'failed', expectedStatus: 200, receivedStatus: 404 });
      expect(row?.violations.filter((v) => v.severity === 'error').map((v) => v.check)).toContain('status-code-expected');
      expect(run.stdout).toContain('FAILED getWhatsAppSyncStatus/lowercase-bearer-scheme (expected 200 (senderId bound to role coexistence), received 404)');
      // The other spelling of the key still gets the sender's 200: only the broken row fails.
      expect(resultOf(run, ROWS[1] ?? '')?.status).toBe('passed');
    });
  });

  test('a server that serves the unknown id 200 to a lower-case "bearer" fails that row when the row is bound to the unknown id', async () => {
    await withServer(servesUnknownForLowerCaseScheme, async (server) => {
      const run = await runConformanceCli(['--base-url', server.baseUrl, ...READ], { ...serverEnv(server), ...UNKNOWN_ONLY });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(resultOf(run, ROWS[0] ?? '')).toMatchObject({ status: 'failed', expectedStatus: 404, receivedStatus: 200 });
      expect(resultOf(run, ROWS[1] ?? '')?.status).toBe('passed');
    });
  });
});

/** The recording of a record run with every entry's `_zavu.boundAs` taken out: as a suite before it was kept wrote it. */
function asOlderRecording(dir: string): number {
  let removed = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.har'))) {
    const file = join(dir, name);
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { _zavu: { boundAs?: unknown } }[] } };
    for (const entry of har.log.entries) {
      if (entry._zavu.boundAs !== undefined) removed += 1;
      delete entry._zavu.boundAs;
    }
    writeFileSync(file, JSON.stringify(har));
  }
  return removed;
}

describe('replay', () => {
  test('a recording keeps the binding, so its replay is as exact as the live run: the 404 to the coexistence sender fails again', async () => {
    const recorded = await withServer(notFoundForLowerCaseScheme, (server) => runConformanceCli(['--base-url', server.baseUrl, '--mode', 'record', '--recordings', 'rec', ...READ], serverEnv(server)));
    expect(recorded.code).toBe(1);
    const har = JSON.parse(readFileSync(join(recorded.cwd, 'rec', 'getWhatsAppSyncStatus.har'), 'utf8')) as { log: { entries: { _zavu: { caseId: string; boundAs?: unknown } }[] } };
    expect(har.log.entries.find((e) => e._zavu.caseId === ROWS[0])?._zavu.boundAs).toEqual({ senderId: 'coexistence' });
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec'), ...READ]);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(1);
    expect(resultOf(replay, ROWS[0] ?? '')).toMatchObject({ status: 'failed', expectedStatus: 200, receivedStatus: 404 });
    expect(replay.stdout).not.toContain('recorded without the role');
  });

  test('a recording made before the binding was kept replays by the old rule (any sender\'s status), with no crash, no new failure, and a note that says so', async () => {
    const recorded = await withServer(undefined, (server) => runConformanceCli(['--base-url', server.baseUrl, '--mode', 'record', '--recordings', 'rec', ...READ], { ...serverEnv(server), ...UNKNOWN_ONLY }));
    expect(recorded.code).toBe(0);
    expect(asOlderRecording(join(recorded.cwd, 'rec'))).toBeGreaterThan(0);
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec'), ...READ]);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    expectRows(replay, { status: 'passed', expectedStatus: 200, receivedStatus: 404, expectedAs: "200 or 400 or 404, as any sender's (the role the sender was bound to is not recorded)" });
    expect(replay.stdout).toContain(`note: 2 cases recorded without the role their sender was bound to (a recording made before it was kept): each status is judged as any sender's answer, not as its own sender's alone; record again to judge them exactly (${ROWS.join(', ')})\n`);
  });

  test('an older recording of the broken server\'s 404 still passes its replay, as it did before: the rule is only as exact as the recording', async () => {
    const recorded = await withServer(notFoundForLowerCaseScheme, (server) => runConformanceCli(['--base-url', server.baseUrl, '--mode', 'record', '--recordings', 'rec', ...READ], serverEnv(server)));
    asOlderRecording(join(recorded.cwd, 'rec'));
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec'), ...READ]);
    expect(replay.code).toBe(0);
    expect(resultOf(replay, ROWS[0] ?? '')).toMatchObject({ status: 'passed', receivedStatus: 404 });
  });

  test('a recorded binding the scenario cannot have is one line and exit 2, not a row judged by a status no role gets', async () => {
    const recorded = await withServer(undefined, (server) => runConformanceCli(['--base-url', server.baseUrl, '--mode', 'record', '--recordings', 'rec', ...READ], serverEnv(server)));
    const file = join(recorded.cwd, 'rec', 'getWhatsAppSyncStatus.har');
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { _zavu: { caseId: string; boundAs?: unknown } }[] } };
    const entry = har.log.entries.find((e) => e._zavu.caseId === ROWS[0]);
    if (entry === undefined) throw new Error('the row was not recorded');
    entry._zavu.boundAs = { senderId: 'otherProject' };
    writeFileSync(file, JSON.stringify(har));
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec'), ...READ]);
    expect(replay.code).toBe(2);
    expect(replay.stderr.trim().split('\n')).toHaveLength(1);
    expect(replay.stderr).toContain(`${ROWS[0] ?? ''} was recorded with {senderId} bound to role "otherProject", and {senderId}'s role any takes one of coexistence, noWaba, notCoexistence, unknown; record again`);
  });
});
