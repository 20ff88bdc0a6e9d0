/**
 * A run over data with several mistakes says them all before any request: the files' own
 * problems (a schema breach, a duplicate id) and the rows' checks against the spec and the other
 * files (a role nobody declares, a status the operation does not document), each its own line, exit 2,
 * no stack. The built CLI, as a user runs it, with a new operation (getSenderProfile, as the full
 * published description documents it); twice over one cache, since the second run reads the spec's contract from it.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../../src/package-root';
import { runConformanceCli } from '../support/conformance-run';
import { scratchDir } from '../support/scratch-dir';

jest.setTimeout(60000);

const OPERATION = 'getSenderProfile';

/** The shipped contract plus getSenderProfile as the published description documents it: 200, 400, 401, 404. */
function specWithProfile(): string {
  const spec = parse(readFileSync(join(packageRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8')) as { paths: Record<string, unknown> };
  const answer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  spec.paths['/v1/senders/{senderId}/profile'] = {
    get: { operationId: OPERATION, parameters: [{ $ref: '#/components/parameters/SenderIdParam' }], responses: { '200': answer('WhatsApp Business profile.'), '400': answer('No WABA.'), '401': answer('Unauthorized.'), '404': answer('Sender not found.') } },
  };
  return JSON.stringify(spec);
}

const row = (id: string, fields: Record<string, unknown>): Record<string, unknown> => ({ id, family: 'not-found', description: id, path: { senderId: 'noWaba' }, auth: 'valid', expect: { status: 400, because: 'no WABA' }, ...fields });

test('a new operation with four mistakes and a broken file beside it: every one said in one run, sorted, on every run over the cache', async () => {
  const cwd = scratchDir('zvc-dataerrs-');
  cpSync(join(packageRoot, 'operations'), join(cwd, 'operations'), { recursive: true });
  cpSync(join(packageRoot, 'fixtures'), join(cwd, 'fixtures'), { recursive: true });
  writeFileSync(join(cwd, 'spec.json'), specWithProfile());
  const operation = OPERATION;
  mkdirSync(join(cwd, 'operations', operation), { recursive: true });
  writeFileSync(join(cwd, 'operations', operation, 'scenarios.json'), JSON.stringify({
    operationId: operation,
    scenarios: [
      row('fine', {}),
      row('unknown-role', { path: { senderId: 'nosuchRole' } }),
      row('undocumented', { expect: { status: 409, because: 'a conflict' } }),
      row('fine', {}),
    ],
  }));
  // A second file, broken in its schema: said too, and its rows not judged.
  mkdirSync(join(cwd, 'operations', 'getSender'));
  writeFileSync(join(cwd, 'operations', 'getSender', 'scenarios.json'), JSON.stringify({ operationId: 'getSender', scenarios: [row('typed', { description: 42, family: 'nowhere' })] }));
  const args = ['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--operation', operation];
  const env = { ZAVU_CACHE_DIR: join(cwd, 'cache') };
  const file = `operations/${operation}/scenarios.json`;
  const expected = [
    'zavu-conformance: operations/getSender/scenarios.json: /scenarios/0/description must be string (and 3 more data errors)',
    expect.stringMatching(new RegExp(`^zavu-conformance: ${file}: /scenarios/1/path/senderId names role "nosuchRole", which no fixture file declares`)),
    expect.stringMatching(new RegExp(`^zavu-conformance: ${file}: /scenarios/2/expect/status expects 409, which ${operation} does not document`)),
    `zavu-conformance: ${file}: /scenarios/3/id duplicate id "fine"`,
  ];
  for (const pass of ['cold', 'warm']) {
    const run = await runConformanceCli(args, env, cwd);
    expect({ pass, code: run.code }).toEqual({ pass, code: 2 });
    expect(run.stderr.replace(/\n$/, '').split('\n')).toEqual(expected);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // The rows were checked against a contract the warm pass read from the cache, not the spec.
    expect(readdirSync(join(cwd, 'cache')).filter((f) => /^contract-.*\.json$/.test(f))).toHaveLength(1);
  }
});

/** A scratch folder with copies of the shipped data and the spec with getSenderProfile, `files` written into its operations folder. */
function dataFolder(prefix: string, files: Record<string, unknown>): string {
  const cwd = scratchDir(prefix);
  cpSync(join(packageRoot, 'operations'), join(cwd, 'operations'), { recursive: true });
  cpSync(join(packageRoot, 'fixtures'), join(cwd, 'fixtures'), { recursive: true });
  writeFileSync(join(cwd, 'spec.json'), specWithProfile());
  for (const [operationId, scenarios] of Object.entries(files)) {
    mkdirSync(join(cwd, 'operations', operationId), { recursive: true });
    writeFileSync(join(cwd, 'operations', operationId, 'scenarios.json'), JSON.stringify({ operationId, scenarios }));
  }
  return cwd;
}

const misspeltStep = { id: 'typo', family: 'coexistence', description: 'a step of a misspelt operation', path: { senderId: 'noWaba' }, steps: [{ id: 'read', operation: 'getSenderProfil', auth: 'valid', expect: { status: 400, because: 'no WABA' } }] };
const runIn = (cwd: string) => runConformanceCli(['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--operation', OPERATION], { ZAVU_CACHE_DIR: join(cwd, 'cache') }, cwd);
const SPEC_LINE = /^zavu-conformance: \S*spec\.json: no operation with operationId "getSenderProfil" \(did you mean getSenderProfile\? /;
/** The misspelt step's one line: the row's, with the spec's guess folded in (no second line of the spec's for the same mistake). */
const STEP_LINE = `zavu-conformance: operations/${OPERATION}/scenarios.json: /scenarios/1/steps/0/operation names operation "getSenderProfil", which the spec does not have (did you mean getSenderProfile? it has: `;
const STEP_PATTERN = STEP_LINE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a step naming an operation the spec lacks, beside a file that breaks its schema: the step (with the spec\'s guess) and the file said in one run, one line each', async () => {
  const cwd = dataFolder('zvc-dataerrs-op-', { [OPERATION]: [row('fine', {}), misspeltStep], getSender: [row('typed', { description: 42 })] });
  const run = await runIn(cwd);
  expect(run.code).toBe(2);
  expect(run.stderr.replace(/\n$/, '').split('\n')).toEqual([
    'zavu-conformance: operations/getSender/scenarios.json: /scenarios/0/description must be string (and 1 more data error)',
    expect.stringMatching(new RegExp(`^${STEP_PATTERN}getWhatsAppSyncStatus, .*\\)$`)),
  ]);
});

test('clean files, a misspelt step and a row naming no role: both rows, one line each; a misspelt step alone is its row\'s one line; a folder of an operation the spec lacks (a renamed one) is the spec\'s one line, as before', async () => {
  const both = await runIn(dataFolder('zvc-dataerrs-both-', { [OPERATION]: [row('fine', {}), misspeltStep, row('roleless', { path: { senderId: 'nosuchRole' } })] }));
  expect(both.code).toBe(2);
  expect(both.stderr.replace(/\n$/, '').split('\n')).toEqual([
    expect.stringMatching(new RegExp(`^${STEP_PATTERN}.*\\) \\(and 1 more data error\\)$`)),
    expect.stringMatching(new RegExp(`^zavu-conformance: operations/${OPERATION}/scenarios\\.json: /scenarios/2/path/senderId names role "nosuchRole"`)),
  ]);
  const single = await runIn(dataFolder('zvc-dataerrs-single-', { [OPERATION]: [row('fine', {}), misspeltStep] }));
  expect(single.code).toBe(2);
  expect(single.stderr.replace(/\n$/, '').split('\n')).toEqual([expect.stringMatching(new RegExp(`^${STEP_PATTERN}.*\\)$`))]);
  const renamed = dataFolder('zvc-dataerrs-renamed-', { getSenderProfil: [row('fine', {})] });
  const alone = await runConformanceCli(['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--operation', 'getSenderProfil'], { ZAVU_CACHE_DIR: join(renamed, 'cache') }, renamed);
  expect(alone.code).toBe(2);
  expect(alone.stderr.replace(/\n$/, '').split('\n')).toEqual([expect.stringMatching(SPEC_LINE)]);
  // A renamed folder and a step still naming it: two mistakes, the step's line and the spec's (the folder's rows went unchecked).
  const twice = await runIn(dataFolder('zvc-dataerrs-twice-', { getSenderProfil: [row('fine', {})], [OPERATION]: [row('fine', {}), misspeltStep] }));
  expect(twice.code).toBe(2);
  expect(twice.stderr.replace(/\n$/, '').split('\n')).toEqual([expect.stringMatching(new RegExp(`^${STEP_PATTERN}.*\\) \\(and 1 more data error\\)$`)), expect.stringMatching(SPEC_LINE)]);
});

test('twenty-two mistakes, one quoting the key: the console and the NOT RUN summary.md and junit.xml list the same lines, at most twenty after the first, without the key', async () => {
  const key = 'zv_test_Secret1234567';
  const rows = Array.from({ length: 22 }, (_, i) => row(`row-${i}`, { path: { senderId: i === 4 ? key : `nosuchRole${i}` } }));
  const cwd = dataFolder('zvc-dataerrs-many-', { [OPERATION]: rows });
  // A target named, as a key asks for one: the data stops the run before any request goes to it.
  const run = await runConformanceCli(['--spec', 'spec.json', '--operations', 'operations', '--fixtures', 'fixtures', '--operation', OPERATION, '--base-url', 'http://127.0.0.1:9'], { ZAVU_CACHE_DIR: join(cwd, 'cache'), ZAVU_API_KEY: key }, cwd);
  expect(run.code).toBe(2);
  const said = run.stderr.replace(/\n$/, '').split('\n').map((line) => line.replace(/^zavu-conformance: /, ''));
  expect(said).toHaveLength(21);
  expect(said[0]).toMatch(/\/scenarios\/0\/path\/senderId names role "nosuchRole0".* \(and 21 more data errors\)$/);
  expect(said[4]).toMatch(/\/scenarios\/4\/path\/senderId names role "\[REDACTED\]"/);
  expect(said[19]).toMatch(/\/scenarios\/19\/path\/senderId /);
  expect(said[20]).toBe('and 2 more');
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
  expect(summary).toContain(['', `\`${said[0] ?? ''}\``, '', ...said.slice(1).map((line) => `- \`${line}\``), '', 'Exit code 2: '].join('\n'));
  // The text of its one <error>: no line of these holds &, < or >, which it would escape.
  expect(junit).toContain(`${said.join('\n')}\n\nExit code 2: `);
  expect(`${run.stderr}${summary}${junit}`).not.toContain(key);
});
