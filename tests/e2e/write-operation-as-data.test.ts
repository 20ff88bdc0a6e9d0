/**
 * "An operation is data" for a write, as an API team uses it: a POST of the full Zavu description
 * (regenerateSenderWebhookSecret) certified from a spec copy, an operations folder and a fixture
 * file of its own, nothing in src/ or the shipped data. The write-safety rules must hold with roles
 * the suite has never heard of: nothing but GET and HEAD without --allow-writes, and with it, on a
 * live target, writes only to the role marked writable (a write row bound to a read-only sender,
 * or to a sender needing its own consent, skipped saying so; fixtures that mark none writable, every
 * write skipped saying what to declare); --mock-target runs every case, and a
 * conformant server passes. An operation whose request body is required is refused before any
 * request: the suite sends none.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Certificate } from '../../src/model';
import { runConformanceCli } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { expectNoFileHolds, scratchDir } from '../support/scratch-dir';
import { fullSpecPath } from '../schema/support/fixtures';

const OPERATION = 'regenerateSenderWebhookSecret';
const PATH = '/v1/senders/{senderId}/webhook/secret';
const sandboxKey = `zv_test_${'5e'.repeat(16)}`;
/** A mock's own key, as the README tells mock authors to use with --mock-target. */
const madeUpKey = 'mock-key-5e5e5e';
const SENDERS = { hook: 'snd_hook', noHook: 'snd_nohook', plain: 'snd_plain', other: 'snd_other' } as const;

/** The spec copy the README asks for: the path item as the full description has it, and the components it refers to. */
function specCopy(withAgent: boolean): Record<string, unknown> {
  const full = JSON.parse(readFileSync(fullSpecPath, 'utf8')) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown>; parameters: Record<string, unknown>; securitySchemes: unknown } };
  const schemas = ['WebhookSecretResponse', 'Error', ...(withAgent ? ['AgentCreateRequest', 'AgentResponse', 'Agent', 'AgentProvider'] : [])];
  return {
    openapi: full.openapi,
    info: { title: 'an API team\'s write', version: '1' },
    paths: { [PATH]: full.paths[PATH], ...(withAgent ? { '/v1/senders/{senderId}/agent': full.paths['/v1/senders/{senderId}/agent'] } : {}) },
    components: {
      securitySchemes: full.components.securitySchemes,
      parameters: { SenderIdParam: full.components.parameters['SenderIdParam'] },
      schemas: Object.fromEntries(schemas.map((name) => [name, full.components.schemas[name]])),
    },
  };
}

const row = (id: string, family: string, role: string, auth: string, status: number, because: string) => ({ id, family, description: because, path: { senderId: role }, auth, expect: { status, because } });

function writeData(dir: string, withAgent = false, writable = true): void {
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(specCopy(withAgent)));
  mkdirSync(join(dir, 'operations', OPERATION), { recursive: true });
  writeFileSync(join(dir, 'operations', OPERATION, 'scenarios.json'), JSON.stringify({
    operationId: OPERATION,
    scenarios: [
      { ...row('regenerate', 'regenerate', 'hookSender', 'valid', 200, 'the sandbox sender has a webhook'), expect: { status: 200, because: 'the sandbox sender has a webhook', assert: [{ pointer: '/secret', type: 'string' }] } },
      row('no-webhook', 'no-webhook', 'noHook', 'valid', 400, 'the sender has no webhook configured'),
      // A newcomer's mistake: a write row on a role not marked writable (a production sender).
      row('plain', 'regenerate', 'plainSender', 'valid', 200, 'the production sender has a webhook'),
      row('no-credentials', 'authentication', 'hookSender', 'none', 401, 'the operation needs a key'),
      row('unknown-sender', 'not-found', 'unknown', 'valid', 404, 'the sender does not exist'),
      row('other-project-sender', 'isolation', 'otherProject', 'valid', 404, "another project's sender is unknown to this key"),
    ],
  }));
  if (withAgent) {
    mkdirSync(join(dir, 'operations', 'createAgent'));
    writeFileSync(join(dir, 'operations', 'createAgent', 'scenarios.json'), JSON.stringify({ operationId: 'createAgent', scenarios: [row('create', 'regenerate', 'hookSender', 'valid', 201, 'a valid body creates the agent')] }));
  }
  writeFileSync(join(dir, 'operations', 'families.json'), JSON.stringify({
    families: [
      { id: 'regenerate', title: 'a sender with a webhook gets a new secret', core: true },
      { id: 'no-webhook', title: 'a sender without a webhook is refused with 400', core: true, successesJudgedElsewhere: true },
      { id: 'authentication', title: 'missing credentials get 401', core: true, successesJudgedElsewhere: true, judgesCredentials: true },
      { id: 'not-found', title: 'unknown senders get 404', core: true, successesJudgedElsewhere: true },
      { id: 'isolation', title: "another project's sender is answered as unknown", core: true, successesJudgedElsewhere: true },
    ],
  }));
  writeFileSync(join(dir, 'operations', 'rules.json'), JSON.stringify({ rules: [] }));
  mkdirSync(join(dir, 'fixtures'));
  writeFileSync(join(dir, 'fixtures', 'senders.json'), JSON.stringify({
    resource: 'sender',
    parameter: 'senderId',
    roles: {
      hookSender: { env: 'ZVC_HOOK_SENDER', ...(writable ? { writable: true } : {}), description: 'a sandbox sender whose secret may be regenerated' },
      noHook: { env: 'ZVC_NO_HOOK', writableWhen: 'ZVC_NO_HOOK_WRITABLE', description: 'a sender with no webhook configured' },
      plainSender: { env: 'ZVC_PLAIN_SENDER', description: 'a production sender: read only' },
      otherProject: { env: 'ZVC_OTHER', hidden: true, writableWhen: 'ZVC_OTHER_WRITABLE', description: "another project's sender" },
      unknown: { env: 'ZVC_UNKNOWN', generated: 'snd_zvc_unknown_', shapeOf: ['hookSender', 'noHook'], description: 'an id no sender has' },
    },
  }));
}

const ENV = { ZVC_HOOK_SENDER: SENDERS.hook, ZVC_NO_HOOK: SENDERS.noHook, ZVC_PLAIN_SENDER: SENDERS.plain, ZVC_OTHER: SENDERS.other };

/** The API as documented: 401 before lookup, 404 for another project's sender, 400 without a webhook. */
function conformant(key: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    const match = /^\/v1\/senders\/([^/?]+)\/webhook\/secret$/.exec(req.url ?? '');
    if (match === null) return json(404, { code: 'not_found', message: 'no such route' });
    if (req.method !== 'POST') return json(405, { code: 'method_not_allowed', message: 'POST only' }, { allow: 'POST' });
    if (req.headers.authorization !== `Bearer ${key}`) return json(401, { code: 'unauthorized', message: 'a valid API key is required' }, { 'www-authenticate': 'Bearer' });
    const id = match[1];
    if (id === SENDERS.noHook) return json(400, { code: 'no_webhook', message: 'Sender has no webhook configured.' });
    if (id === SENDERS.hook || id === SENDERS.plain) return json(200, { secret: 'whsec_new' });
    return json(404, { code: 'sender_not_found', message: 'Sender not found' });
  };
}

const ARGS = ['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--fuzz-runs', '0'];

test('without --allow-writes a data-only write sends nothing, every case skipped for that reason', async () => {
  const dir = scratchDir();
  writeData(dir);
  const server = await startScriptedServer(conformant(sandboxKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, ...ARGS], { ZAVU_API_KEY: sandboxKey, ...ENV }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(server.requests.filter((line) => !/^(GET|HEAD) /.test(line))).toEqual([]);
    expect(run.report?.results.map((r) => [r.id, r.status, r.skipReason])).toEqual(
      ['regenerate', 'no-webhook', 'plain', 'no-credentials', 'unknown-sender', 'other-project-sender'].map((id) => [`${OPERATION}/${id}`, 'skipped', 'writes not allowed (--allow-writes)']),
    );
  } finally {
    await server.close();
  }
});

test('with --allow-writes on a live target a data-only write goes to the writable role alone, and the reports name that role, not the shipped one', async () => {
  const dir = scratchDir();
  writeData(dir);
  const server = await startScriptedServer(conformant(sandboxKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', ...ARGS], { ZAVU_API_KEY: sandboxKey, ...ENV }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    // The sandbox sender, and the generated id that names no sender: never the production, consent-only or other project's senders.
    const written = server.requests.filter((line) => !/^(GET|HEAD) /.test(line)).map((line) => line.replace(/snd_zvc_unknown_\w+/, 'UNKNOWN'));
    expect([...new Set(written)].sort()).toEqual([`POST /v1/senders/UNKNOWN/webhook/secret`, `POST /v1/senders/${SENDERS.hook}/webhook/secret`]);
    expect(Object.fromEntries((run.report?.results ?? []).map((r) => [r.scenario, r.skipReason ?? r.status]))).toEqual({
      regenerate: 'passed',
      'no-webhook': `writes to ZVC_NO_HOOK (${SENDERS.noHook}) need ZVC_NO_HOOK_WRITABLE=1 as well as --allow-writes`,
      plain: `writes go only to ZVC_HOOK_SENDER (this case would write to ${SENDERS.plain})`,
      'no-credentials': 'passed',
      'unknown-sender': 'passed',
      'other-project-sender': `writes to ZVC_OTHER (${SENDERS.other}) need ZVC_OTHER_WRITABLE=1 as well as --allow-writes`,
    });
    expect(run.stdout).toContain('partial by design: the skipped cases would write to senders other than the sandbox one (ZVC_HOOK_SENDER)');
    for (const file of ['summary.md', 'conformance.html']) expect(readFileSync(join(run.reportsDir, file), 'utf8')).not.toContain('ZAVU_SENDER');
    expect(run.stdout).not.toContain('ZAVU_SENDER');
  } finally {
    await server.close();
  }
});

test('fixtures that mark no role writable: with --allow-writes a live run writes nowhere, each write skipped saying what to declare, and the certificate is not called partial by design', async () => {
  const dir = scratchDir();
  writeData(dir, false, false);
  const server = await startScriptedServer(conformant(sandboxKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', ...ARGS], { ZAVU_API_KEY: sandboxKey, ...ENV }, dir);
    expect({ code: run.code, stderr: run.stderr, written: server.requests.filter((line) => !/^(GET|HEAD) /.test(line)) }).toEqual({ code: 0, stderr: '', written: [] });
    const declare = 'writes go only to a fixture role marked "writable": true, and the fixtures declare none';
    expect(Object.fromEntries((run.report?.results ?? []).map((r) => [r.scenario, r.skipReason ?? r.status]))).toEqual({
      regenerate: `${declare} (this case would write to ${SENDERS.hook})`,
      'no-webhook': `writes to ZVC_NO_HOOK (${SENDERS.noHook}) need ZVC_NO_HOOK_WRITABLE=1 as well as --allow-writes`,
      plain: `${declare} (this case would write to ${SENDERS.plain})`,
      'no-credentials': `${declare} (this case would write to ${SENDERS.hook})`,
      'unknown-sender': `${declare} (this case would POST an id that names no sender)`,
      'other-project-sender': `writes to ZVC_OTHER (${SENDERS.other}) need ZVC_OTHER_WRITABLE=1 as well as --allow-writes`,
    });
    // Declaring one would certify more: "a live run certifies no more" would send the author away from the fix.
    expect(run.stdout).not.toContain('by design');
    expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).not.toContain('by design');
  } finally {
    await server.close();
  }
});

test('with --allow-writes --mock-target and a made-up key every case of a data-only write runs, and a conformant mock is certified FULL', async () => {
  const dir = scratchDir();
  writeData(dir);
  const server = await startScriptedServer(conformant(madeUpKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', '--mock-target', ...ARGS], { ZAVU_API_KEY: madeUpKey, ...ENV }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.report?.results.filter((r) => r.status !== 'passed').map((r) => r.id)).toEqual([]);
    expect(run.report?.runInfo.operations).toEqual([{ operationId: OPERATION, operation: `POST ${PATH}` }]);
    const certificate = JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8')) as Certificate;
    expect([certificate.level, certificate.operations.map((o) => [o.operationId, o.level])]).toEqual(['full', [[OPERATION, 'full']]]);
    expect(run.stdout).not.toContain(madeUpKey);
    expectNoFileHolds(run.reportsDir, madeUpKey);
  } finally {
    await server.close();
  }
});

test('an operation whose request body is required (createAgent) is refused before any request, in one line: the suite sends no body', async () => {
  const dir = scratchDir();
  writeData(dir, true);
  const server = await startScriptedServer(conformant(madeUpKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', '--mock-target', ...ARGS], { ZAVU_API_KEY: madeUpKey, ...ENV }, dir);
    expect({ code: run.code, requests: server.requests }).toEqual({ code: 2, requests: [] });
    expect(run.stderr).toMatch(/^zavu-conformance[^:]*: \S*spec\.json: createAgent \(POST \/v1\/senders\/\{senderId\}\/agent\) requires a request body \(#\/paths\/~1v1~1senders~1\{senderId\}~1agent\/post\/requestBody\/required\), and the suite sends none .*\n$/);
  } finally {
    await server.close();
  }
});

test('the set-apart skip puts "an" before a resource said with a vowel: "an account", never "a account"', async () => {
  const dir = scratchDir();
  writeData(dir);
  const fixturesFile = join(dir, 'fixtures', 'senders.json');
  const fixtures = JSON.parse(readFileSync(fixturesFile, 'utf8')) as { resource: string; roles: Record<string, unknown> };
  fixtures.resource = 'account';
  fixtures.roles['hookTwo'] = { env: 'ZVC_HOOK_TWO', writable: true, description: 'a second sandbox account' };
  writeFileSync(fixturesFile, JSON.stringify(fixtures));
  const server = await startScriptedServer(conformant(sandboxKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', ...ARGS], { ZAVU_API_KEY: sandboxKey, ...ENV, ZVC_PLAIN_SENDER: 'snd_two', ZVC_HOOK_TWO: 'snd_two' }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const skip = run.report?.results.find((r) => r.scenario === 'plain')?.skipReason;
    expect(skip).toBe('set apart: ZVC_HOOK_TWO (snd_two) is written to only by the cases bound to it, so they meet an account no earlier write of the run has touched; listed in ZVC_PLAIN_SENDER too, it is only read there (list another account there to run this)');
  } finally {
    await server.close();
  }
});

test('a second writable role whose sender another role lists too: its skip names the roles and the resource, not the shipped concurrent starts', async () => {
  // Two writable roles of a data-only write, the second's sender also named by a read-only role: the
  // skip read "is the concurrent starts' alone to write to, so they meet parts no earlier start of the
  // run has started", the shipped sync story, of an operation that has neither starts nor parts.
  const dir = scratchDir();
  writeData(dir);
  const fixturesFile = join(dir, 'fixtures', 'senders.json');
  const fixtures = JSON.parse(readFileSync(fixturesFile, 'utf8')) as { roles: Record<string, unknown> };
  fixtures.roles['hookTwo'] = { env: 'ZVC_HOOK_TWO', writable: true, description: 'a second sandbox sender' };
  writeFileSync(fixturesFile, JSON.stringify(fixtures));
  const server = await startScriptedServer(conformant(sandboxKey));
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--allow-writes', ...ARGS], { ZAVU_API_KEY: sandboxKey, ...ENV, ZVC_PLAIN_SENDER: 'snd_two', ZVC_HOOK_TWO: 'snd_two' }, dir);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const skip = run.report?.results.find((r) => r.scenario === 'plain')?.skipReason;
    expect(skip).toBe('set apart: ZVC_HOOK_TWO (snd_two) is written to only by the cases bound to it, so they meet a sender no earlier write of the run has touched; listed in ZVC_PLAIN_SENDER too, it is only read there (list another sender there to run this)');
    expect(run.stdout).not.toMatch(/concurrent starts|no earlier start/);
  } finally {
    await server.close();
  }
});
