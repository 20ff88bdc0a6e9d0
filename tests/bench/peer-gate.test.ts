import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_GATE_REQUESTS, peerGateCommand, sameScopePeerCommand, sendableAsWritten } from '../../src/bench/peer-gate';
import { captureRequests, type SentRequest } from '../../src/bench/sent-requests';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('the bench\'s peer gate (pactum + mocha, six core requests) passes against the embedded reference server', () => {
  // The very command the bench times: a peer that fails would make the bench's ratio meaningless.
  const { command, args } = peerGateCommand();
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env['PATH'] ?? '' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(`${PEER_GATE_REQUESTS} passing`);
  expect(run.stdout).not.toMatch(/failing|pending/);
});

describe('the peer of the same scope (pactum + mocha sending a run\'s own requests)', () => {
  /** The requests of a full run without generated ids (writes included), or of `extra`'s run, watched as the bench watches them. */
  function capturedRun(extra: string[] = []): { file: string; sent: SentRequest[] } {
    const dir = scratchDir('zvc-peer-');
    const sent = captureRequests([join(repoRoot, 'dist/cli/zavu-conformance-main.js'), 'run', '--reports', join(dir, 'reports'), '--fuzz-runs', '0', ...extra], repoRoot);
    const file = join(dir, 'sent.json');
    writeFileSync(file, JSON.stringify(sent));
    return { file, sent };
  }

  /** The bench's command for the peer, with node's `--require` of `preload` first when given (as captureRequests preloads its watcher). */
  function runPeer(file: string, preload?: string): { status: number | null; stdout: string; stderr: string } {
    const { command, args, env } = sameScopePeerCommand(file);
    return spawnSync(command, [...(preload === undefined ? [] : ['--require', preload]), ...args], { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env['PATH'] ?? '', ...env } });
  }

  test('passes, sending every request of the run that pactum can send as written, in the run\'s order, starts and all', () => {
    const { file, sent } = capturedRun();
    const sendable = sent.filter((r) => sendableAsWritten(r.path));
    // Most of the run: what pactum cannot send as written is a few hostile paths, not a part of the contract.
    expect(sendable.length).toBeGreaterThan(sent.length * 0.9);
    expect(sendable.some((r) => r.method === 'POST' && r.status === 202)).toBe(true);
    const run = runPeer(file);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${sendable.length} passing`);
    // mocha's tallies, not a sender's name (snd_coex_pending_verification).
    expect(run.stdout).not.toMatch(/^ *\d+ (failing|pending)$/m);
  });

  test("passes on the read-only gate's run too, whose other-project key gets no success (each of the key's own senders read with it, answered 404): the server knows that key", () => {
    const { file, sent } = capturedRun(['--operation', 'getWhatsAppSyncStatus']);
    expect(sent.some((r) => r.status === 404 && /^\/v1\/senders\/snd_coex_active\/whatsapp-sync$/.test(r.path))).toBe(true);
    const run = runPeer(file);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/^ *\d+ failing$/m);
  });

  test('checks what it sends: a status the server does not give fails it', () => {
    const { file, sent } = capturedRun();
    const read = sent.findIndex((r) => r.method === 'GET' && r.status === 200);
    const start = sent.findIndex((r) => r.method === 'POST' && r.status === 202);
    const altered = sent.map((r, i) => (i === read ? { ...r, status: 201 } : i === start ? { ...r, status: 200 } : r));
    writeFileSync(file, JSON.stringify(altered));
    const run = runPeer(file);
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^ *2 failing$/m);
    expect(run.stdout).toContain('HTTP status 200 !== 201');
    expect(run.stdout).toContain('HTTP status 202 !== 200');
  });

  test("checks the bodies it gets: one breaking the contract's component schema fails it, the status being right", () => {
    const { file } = capturedRun();
    const run = runPeer(file, schemaBreakingPreload(scratchDir('zvc-peer-preload-')));
    // (pactum logs each failing request and answer on stderr: that is the peer's, not judged here.)
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/^ *2 failing$/m);
    // pactum's JSON Schema check, naming each breach: the enum of sync.status and the type of the Error's code.
    expect(run.stdout.match(/Response doesn't match with JSON schema/g)).toHaveLength(2);
    expect(run.stdout).toContain('"keywordLocation": "#/properties/sync/properties/status/enum"');
    expect(run.stdout).toContain('"keywordLocation": "#/properties/code/type"');
    expect(run.stdout).not.toContain('HTTP status');
  });
});

/**
 * A preload for the peer's process that gives the embedded server it starts a fault: the first
 * read answered 200 shows `sync.status` "paused" (no value of the enum), the first read answered 404 a numeric
 * `code`. Both statuses stay the run's, so only the schema check can see them. The spec takes
 * startReferenceServer from the compiled module, whose exports this replaces in require's cache
 * before the spec loads it: the peer's own code is run unchanged.
 */
function schemaBreakingPreload(dir: string): string {
  const file = join(dir, 'break-schemas.js');
  writeFileSync(
    file,
    `const id = require.resolve(${JSON.stringify(join(repoRoot, 'dist/reference-server/index.js'))});
const real = require(id);
let read = false;
let missing = false;
const edit = (planned, change) => { const body = JSON.parse(planned.body); change(body); return { ...planned, body: JSON.stringify(body) }; };
const fault = ({ method, planned }) => {
  if (!read && method === 'GET' && planned.status === 200) { read = true; return edit(planned, (body) => { body.sync.status = 'paused'; }); }
  if (!missing && method === 'GET' && planned.status === 404) { missing = true; return edit(planned, (body) => { body.code = 404; }); }
  return undefined;
};
require.cache[id].exports = { ...real, startReferenceServer: (options) => real.startReferenceServer({ ...options, fault }) };
`,
  );
  return file;
}

test('a path is sent by pactum as written only when a URL parser leaves it alone and it decodes', () => {
  expect(sendableAsWritten('/v1/senders/snd_a/whatsapp-sync')).toBe(true);
  expect(sendableAsWritten('/v1/senders/snd_a/whatsapp-sync?zvc=1')).toBe(true);
  expect(sendableAsWritten('/v1/senders/%2E%2E/whatsapp-sync')).toBe(false);
  expect(sendableAsWritten('/v1/senders/../whatsapp-sync')).toBe(false);
  expect(sendableAsWritten('/v1/senders/100%/whatsapp-sync')).toBe(false);
  expect(sendableAsWritten('/v1/senders/a\\b/whatsapp-sync')).toBe(false);
  expect(sendableAsWritten('/v1/senders/a#b/whatsapp-sync')).toBe(false);
});
