/**
 * "An operation is data", end to end: a fourth, read-only operation that exists only in this test
 * (its path in a copy of the contract, its scenarios, family and fixture file in a scratch folder,
 * nothing in src/ or in the shipped data) is planned, sent to a small node:http server started
 * here, judged, reported and certified like the shipped three. Its negative-input row sits in a
 * family of its own: the reports must still treat that one result over many hostile ids as an
 * aggregate (no latency), which they once did only for the family id the shipped rows use.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Certificate } from '../../src/model';
import { runConformanceCli } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { repoRoot } from '../support/run-cli';
import { expectNoFileHolds, scratchDir } from '../support/scratch-dir';

const OPERATION = 'getZvcProbe';
const PATH = '/v1/senders/{senderId}/zvc-probe';
const SENDER = 'snd_probe_known';
const apiKey = `zv_test_${'4d'.repeat(16)}`;

/** The shipped contract plus one GET documented as the WhatsApp Sync read is: 200, 400, 401, 404. */
function contractWithProbe(): Record<string, unknown> {
  const spec = parse(readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  spec.paths[PATH] = {
    get: {
      operationId: OPERATION,
      summary: 'a read that exists only in this test',
      parameters: [{ $ref: '#/components/parameters/SenderIdParam' }],
      responses: {
        '200': { description: 'The probe.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ZvcProbeResponse' } } } },
        '400': error('Bad request.'),
        '401': error('Unauthorized.'),
        '404': error('Sender not found.'),
      },
    },
  };
  spec.components.schemas['ZvcProbeResponse'] = {
    type: 'object',
    required: ['probe'],
    properties: { probe: { type: 'object', required: ['senderId'], properties: { senderId: { type: 'string' } } } },
  };
  return spec as unknown as Record<string, unknown>;
}

const scenarios = {
  operationId: OPERATION,
  scenarios: [
    { id: 'known', family: 'probe', description: 'the probe of a known sender, valid key', path: { senderId: 'probeSender' }, auth: 'valid', expect: { status: 200, because: 'the sender exists', assert: [{ pointer: '/probe/senderId', equals: SENDER }] } },
    { id: 'no-credentials', family: 'authentication', description: 'no Authorization header', path: { senderId: 'probeSender' }, auth: 'none', expect: { status: 401, because: 'the operation needs a key' } },
    { id: 'unknown-sender', family: 'not-found', description: 'an id that names no sender, valid key', path: { senderId: 'probeUnknown' }, auth: 'valid', expect: { status: 404, because: 'the sender does not exist' } },
    { id: 'hostile-ids', family: 'hostile-ids', description: 'hostile sender ids', fuzz: 'senderId', auth: 'valid', expect: { status: 404, alsoAccept: [400], because: 'an id that names no sender is a documented 404' } },
  ],
};

const families = {
  families: [
    { id: 'probe', title: 'known senders get their probe', core: true },
    { id: 'authentication', title: 'missing credentials get 401', core: true, successesJudgedElsewhere: true, judgesCredentials: true },
    { id: 'not-found', title: 'unknown senders get 404', core: true, successesJudgedElsewhere: true },
    { id: 'hostile-ids', title: 'hostile ids get a documented 4xx (a family the shipped data does not have)', core: false, successesJudgedElsewhere: true },
  ],
};

const fixtures = {
  resource: 'sender',
  parameter: 'senderId',
  roles: {
    probeSender: { env: 'ZVC_PROBE_SENDER', description: 'a sender the probe server knows', seeded: SENDER },
    probeUnknown: { env: 'ZVC_PROBE_UNKNOWN', generated: 'snd_zvc_unknown_', shapeOf: ['probeSender'], description: 'an id no sender has' },
  },
};

/** The data folders a contributor would write, in a scratch folder: nothing shipped is touched. */
function writeData(dir: string): void {
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(contractWithProbe()));
  mkdirSync(join(dir, 'operations', OPERATION), { recursive: true });
  writeFileSync(join(dir, 'operations', OPERATION, 'scenarios.json'), JSON.stringify(scenarios));
  writeFileSync(join(dir, 'operations', 'families.json'), JSON.stringify(families));
  writeFileSync(join(dir, 'operations', 'rules.json'), JSON.stringify({ rules: [] }));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'fixtures', 'senders.json'), JSON.stringify(fixtures));
}

test('a synthetic fourth operation, data only, runs end to end and is reported and certified; its fuzzed row stays out of latency whatever its family', async () => {
  const dir = scratchDir();
  writeData(dir);
  const server = await startScriptedServer((req, res) => {
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const match = /^\/v1\/senders\/([^/?]+)\/zvc-probe$/.exec(req.url ?? '');
    if (match === null || (req.method !== 'GET' && req.method !== 'HEAD')) return json(404, { code: 'not_found', message: 'no such route' });
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      res.setHeader('www-authenticate', 'Bearer');
      return json(401, { code: 'unauthorized', message: 'a valid API key is required' });
    }
    if (match[1] === SENDER) return json(200, { probe: { senderId: SENDER } });
    return json(404, { code: 'sender_not_found', message: 'sender not found' });
  });
  try {
    const run = await runConformanceCli(
      ['--base-url', server.baseUrl, '--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--fuzz-runs', '3', '--seed', '7'],
      { ZAVU_API_KEY: apiKey, ZVC_PROBE_SENDER: SENDER },
      dir,
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = run.report;
    expect(report?.runInfo.operations).toEqual([{ operationId: OPERATION, operation: `GET ${PATH}` }]);
    expect(report?.results.map((r) => [r.id, r.family, r.status])).toEqual([
      [`${OPERATION}/known`, 'probe', 'passed'],
      [`${OPERATION}/no-credentials`, 'authentication', 'passed'],
      [`${OPERATION}/unknown-sender`, 'not-found', 'passed'],
      [`${OPERATION}/hostile-ids`, 'hostile-ids', 'passed'],
    ]);
    // The fuzzed row says it stands for many requests, so the run's latency is of the three single requests alone.
    expect(report?.latency?.samples).toBe(3);
    expect(report?.results.find((r) => r.scenario === 'hostile-ids')?.fuzzed).toBe('senderId');
    expect(server.requests.length).toBeGreaterThan(3);
    const certificate = JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8')) as Certificate;
    expect(certificate.level).toBe('full');
    expect(certificate.operations.map((o) => [o.operationId, o.level, o.families.map((f) => [f.family, f.verdict])])).toEqual([
      [OPERATION, 'full', [['probe', 'certified'], ['authentication', 'certified'], ['not-found', 'certified'], ['hostile-ids', 'certified']]],
    ]);
    // Every report names the operation it was given; the shipped ones, which the spec has and this
    // operations folder does not, only as not certified (a live run says so as a replay does).
    const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
    expect(junit).toContain(`<testsuite name="${OPERATION}" tests="4" failures="0" errors="0" skipped="0"`);
    const notCertified = 'the spec has 3 operations with no data in operations/: not certified (getWhatsAppSyncStatus, startWhatsAppHistorySync, startWhatsAppContactsSync)';
    expect(run.stdout).toMatch(/\nnote: the spec has 3 operations with no data in \S*operations: not certified \(getWhatsAppSyncStatus, startWhatsAppHistorySync, startWhatsAppContactsSync\)\n/);
    expect(certificate.specOperationsWithoutData).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppHistorySync', 'startWhatsAppContactsSync']);
    for (const file of ['summary.md', 'conformance.html']) expect(readFileSync(join(run.reportsDir, file), 'utf8')).toContain(notCertified);
    for (const file of ['summary.md', 'conformance.html', 'junit.xml']) expect(readFileSync(join(run.reportsDir, file), 'utf8').replace(notCertified, '')).not.toContain('WhatsAppSync');
    expect(run.stdout).toContain(`${OPERATION}: FULL`);
    expect(run.stdout).not.toContain(apiKey);
    expectNoFileHolds(run.reportsDir, apiKey);
  } finally {
    await server.close();
  }
});

test("a new operation's rule whose pointer its body does not document (a typo) is exit 2 naming the row and rules.json, before any request: not a failure blamed on a conformant target", async () => {
  const dir = scratchDir();
  writeData(dir);
  writeFileSync(join(dir, 'operations', 'rules.json'), JSON.stringify({ rules: [{ id: 'probe-names-sender', description: 'the probe names its sender', whenStatus: 200, assert: [{ pointer: '/probe/senderID', present: true }], because: 'a probe is of one sender' }] }));
  const typo = { ...scenarios, scenarios: scenarios.scenarios.map((row) => (row.id === 'known' ? { ...row, expect: { ...row.expect, rules: ['probe-names-sender'] } } : row)) };
  writeFileSync(join(dir, 'operations', OPERATION, 'scenarios.json'), JSON.stringify(typo));
  const server = await startScriptedServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ probe: { senderId: SENDER } })));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures'], { ZAVU_API_KEY: apiKey, ZVC_PROBE_SENDER: SENDER }, dir);
    expect({ code: run.code, stderr: run.stderr, requests: server.requests.length }).toEqual({
      code: 2,
      stderr: `zavu-conformance: ${join('operations', OPERATION, 'scenarios.json')}: /scenarios/0/expect/rules/0 names rule "probe-names-sender", whose /probe/senderID (${join('operations', 'rules.json')}: /rules/0/assert/0/pointer) names nothing the 200 body of ${OPERATION} documents (ZvcProbeResponse): a conformant answer would fail it\n`,
      requests: 0,
    });
  } finally {
    await server.close();
  }
});

test('beside another file that is not JSON, the rule pointer nobody documents is still said: every data error in one run', async () => {
  const dir = scratchDir();
  writeData(dir);
  writeFileSync(join(dir, 'operations', 'rules.json'), JSON.stringify({ rules: [{ id: 'probe-names-sender', description: 'the probe names its sender', assert: [{ pointer: '/probe/sender', present: true }], because: 'a probe is of one sender' }] }));
  writeFileSync(join(dir, 'operations', OPERATION, 'scenarios.json'), JSON.stringify({ ...scenarios, scenarios: scenarios.scenarios.map((row) => (row.id === 'known' ? { ...row, expect: { ...row.expect, rules: ['probe-names-sender'] } } : row)) }));
  mkdirSync(join(dir, 'operations', 'getZvcOther'));
  writeFileSync(join(dir, 'operations', 'getZvcOther', 'scenarios.json'), '{"operationId": "getZvcOther",');
  const run = await runConformanceCli(['--base-url', 'http://127.0.0.1:9', '--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures'], { ZAVU_API_KEY: apiKey, ZVC_PROBE_SENDER: SENDER }, dir);
  expect(run.code).toBe(2);
  expect(run.stderr.split('\n').filter((line) => line !== '')).toEqual([
    expect.stringMatching(/^zavu-conformance: operations\/getZvcOther\/scenarios\.json: not JSON .*\(and 1 more data error\)$/),
    `zavu-conformance: ${join('operations', OPERATION, 'scenarios.json')}: /scenarios/0/expect/rules/0 names rule "probe-names-sender", whose /probe/sender (${join('operations', 'rules.json')}: /rules/0/assert/0/pointer) names nothing the 200 body of ${OPERATION} documents (ZvcProbeResponse): a conformant answer would fail it`,
  ]);
});

test('a data-only operation run without --base-url is refused in one line, exit 2: the embedded reference server does not serve it, and every case would fail on its 404 as the target\'s fault', async () => {
  const dir = scratchDir();
  writeData(dir);
  const run = await runConformanceCli(['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--fuzz-runs', '0'], {}, dir);
  expect({ code: run.code, stderr: run.stderr }).toEqual({
    code: 2,
    stderr: `zavu-conformance: ${OPERATION} (GET ${PATH}): the embedded reference server does not serve it (it serves getWhatsAppSyncStatus, startWhatsAppHistorySync, startWhatsAppContactsSync), so every case would judge its router's 404; give --base-url of a server that does\n`,
  });
});

test('a data-only read whose rows ask for no success is PARTIAL with a note in its own terms, not of syncs and a 24-hour limit', async () => {
  // Its rows expect 401 and 404 alone: the note read "rightly refused by the state read before it (a sync
  // already pending, or at its limit) … a sandbox sender past its 24-hour limit", of a read with no state and no sync.
  const dir = scratchDir();
  writeData(dir);
  const refusalsOnly = { ...scenarios, scenarios: scenarios.scenarios.filter((row) => row.id !== 'known') };
  writeFileSync(join(dir, 'operations', OPERATION, 'scenarios.json'), JSON.stringify(refusalsOnly));
  writeFileSync(join(dir, 'operations', 'families.json'), JSON.stringify({ families: families.families.filter((f) => f.id !== 'probe') }));
  const server = await startScriptedServer((req, res) => {
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      res.setHeader('www-authenticate', 'Bearer');
      return json(401, { code: 'unauthorized', message: 'a valid API key is required' });
    }
    return json(404, { code: 'sender_not_found', message: 'sender not found' });
  });
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--fuzz-runs', '0'], { ZAVU_API_KEY: apiKey, ZVC_PROBE_SENDER: SENDER }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const note = `200 never seen: no case of ${OPERATION} that ran expects a success (each expects a refusal, and got it), so none was seen to succeed; a row that expects 200 would show one`;
    expect(run.stdout).toContain(note);
    expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).toContain(note);
    for (const text of [run.stdout, readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')]) expect(text).not.toMatch(/sync|24-hour|rightly refused/);
  } finally {
    await server.close();
  }
});
