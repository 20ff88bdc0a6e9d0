/**
 * The package as users install it: `npm pack`, then `npm install <tarball>` into an empty folder,
 * and everything the README promises used from there with no clone: `npx zavu-conformance`, the
 * mock stopped by SIGTERM and by Ctrl-C, the library and the matchers in a user's own Jest test
 * file and the pactum handlers in a user's pactum specs (tests/package/user-project/), their types,
 * and ESM imports; without pactum, everything but the pactum handlers. A file or export missing from
 * the tarball fails here.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installProject, packTarball, pinnedVersion, run, userEnv, type PackedTarball } from '../support/packed-package';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { buildIdOf, buildInputsOf } from '../../scripts/build-id';
import { BUILD_ID_FILE, readBuildId } from '../../src/package-root';

jest.setTimeout(120_000);

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
let tarball: PackedTarball;
let project: string;

beforeAll(async () => {
  tarball = await packTarball(scratchDir('zvc-pack-'));
  project = scratchDir('zvc-user-');
  const ms = await installProject(project, { 'zavu-conformance': `file:${tarball.path}`, jest: pinnedVersion('jest'), '@zavudev/sdk': pinnedVersion('@zavudev/sdk'), pactum: pinnedVersion('pactum') });
  // The figures the README quotes; printed, never asserted (tests assert behaviour, not time).
  process.stdout.write(`packed: ${tarball.size} B (${tarball.unpackedSize} B unpacked, ${tarball.files.length} files); offline install with jest, the SDK and pactum: ${ms} ms\n`);
});

test('the tarball ships what runs and nothing else', () => {
  const files = tarball.files;
  for (const needed of ['dist/cli/zavu-conformance-main.js', 'dist/library/index.js', 'dist/library/index.d.ts', 'dist/jest/index.js', 'dist/jest/index.d.ts', 'dist/pactum/index.js', 'dist/pactum/index.d.ts', 'dist/suite/operations.conformance.js', 'dist/build-id.json', 'specs/whatsapp-sync.openapi.yaml', 'operations/rules.json', 'fixtures/senders.json', 'schemas/conformance-report.schema.json', 'recordings/getWhatsAppSyncStatus.har', 'action.yml', 'README.md', 'LICENSE', 'package.json', '.env.example']) {
    expect(files).toContain(needed);
  }
  expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('src/') || f.startsWith('dist/bench/') || f.startsWith('scripts/') || f.startsWith('expectations/'))).toEqual([]);
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
});

test("the installed package's build id is recomputed from its own files: the id is of what ships, not of files the tarball leaves out", () => {
  const installed = join(project, 'node_modules/zavu-conformance');
  expect(readBuildId(join(installed, 'dist', BUILD_ID_FILE))).toBe(buildIdOf(join(installed, 'dist'), buildInputsOf(installed)));
});

test("the installed library's suiteIdentity() names the package's version and the build id it ships, from require and import alike", async () => {
  const installed = join(project, 'node_modules/zavu-conformance');
  const expected = { suiteVersion: (JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { version: string }).version, suiteBuild: readBuildId(join(installed, 'dist', BUILD_ID_FILE)) };
  expect(expected.suiteBuild).toMatch(/^[0-9a-f]{12}$/);
  const cjs = "console.log(JSON.stringify(require('zavu-conformance').suiteIdentity()))";
  const esm = "import { suiteIdentity } from 'zavu-conformance'; console.log(JSON.stringify(suiteIdentity()))";
  for (const [flags, code] of [[[], cjs], [['--input-type=module'], esm]] as const) {
    const out = await run(process.execPath, [...flags, '-e', code], { cwd: project });
    expect(JSON.parse(out.stdout || 'null')).toEqual(expected);
  }
});

test('every relative require and import() of the packed code finds its file in the tarball: leaving out what no entry reaches left out nothing that runs', () => {
  const packed = new Set(tarball.files);
  const unresolved: string[] = [];
  for (const file of tarball.files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'))) {
    const source = readFileSync(join(project, 'node_modules/zavu-conformance', file), 'utf8');
    for (const [, , spec = ''] of source.matchAll(/\b(?:require|import)\s*\(\s*(["'])(\.[^"']*)\1/g)) {
      const base = posix.join(posix.dirname(file), spec);
      if (![base, `${base}.js`, `${base}.json`, `${base}/index.js`].some((candidate) => packed.has(candidate))) unresolved.push(`${file}: ${spec}`);
    }
  }
  expect(unresolved).toEqual([]);
});

test("the tarball's declarations are exactly those the compiler loads for a user's project importing its three entries (dist/.npmignore leaves the rest out)", async () => {
  copyFileSync(join(__dirname, 'user-project/types-check.ts'), join(project, 'types-check.ts'));
  writeFileSync(join(project, 'tsconfig.list.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [] }, files: ['types-check.ts'] }));
  const listed = await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.list.json', '--listFilesOnly'], { cwd: project });
  expect(listed.code).toBe(0);
  const installed = `${join(project, 'node_modules/zavu-conformance')}/`;
  const loaded = listed.stdout.split('\n').map((line) => line.trim()).filter((line) => line.startsWith(installed)).map((line) => line.slice(installed.length));
  expect(loaded.length).toBeGreaterThan(3);
  expect(tarball.files.filter((f) => f.endsWith('.d.ts')).sort()).toEqual([...new Set(loaded)].sort());
});

test('every package dist/ requires is a dependency or an optional peer, and each of them is required (or, expect, augmented by the types): no dev tool at run time', () => {
  const dist = join(project, 'node_modules/zavu-conformance/dist');
  const js = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? js(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
  const required = new Set<string>();
  for (const file of js(dist)) {
    for (const [, , spec = ''] of readFileSync(file, 'utf8').matchAll(/require\((["'])([^"'.][^"']*)\1\)/g)) {
      if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
      required.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
    }
  }
  // A dependency of the types alone: the declarations augment its module (the matchers on
  // `expect` from @jest/globals), which must resolve from the package under any package manager.
  const augmented = new Set<string>();
  const dts = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? dts(join(dir, e.name)) : e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
  for (const file of dts(dist)) for (const [, , spec = ''] of readFileSync(file, 'utf8').matchAll(/declare module (["'])([^"'.][^"']*)\1/g)) augmented.add(spec);
  expect([...augmented].filter((spec) => !required.has(spec))).toEqual(['expect']);
  expect([...new Set([...required, ...augmented])].sort()).toEqual([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)].sort());
  // A peer is the user's to install (pactum, for zavu-conformance/pactum): optional, and a dev dependency here for the tests.
  for (const peer of Object.keys(pkg.peerDependencies)) {
    expect(pkg.peerDependenciesMeta[peer]?.optional).toBe(true);
    expect(pkg.devDependencies[peer]).toBeDefined();
    expect(pkg.dependencies[peer]).toBeUndefined();
  }
});

/** Node with `pactum` unresolvable, as in a project that never installed it. */
const withoutPactum = `const Module = require('node:module'); const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'pactum' || request.startsWith('pactum/')) throw Object.assign(new Error("Cannot find module 'pactum'"), { code: 'MODULE_NOT_FOUND' });
  return resolve.call(this, request, ...rest);
};`;

test('without pactum every entry loads, and only registering the pactum handlers asks for it', async () => {
  const script = `${withoutPactum}
require('zavu-conformance'); require('zavu-conformance/jest'); const { registerZavuHandlers } = require('zavu-conformance/pactum');
try { registerZavuHandlers(); } catch (error) { console.log(error.message); }`;
  const result = await run(process.execPath, ['-e', script], { cwd: project });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe("zavu-conformance/pactum: pactum is not installed (npm install --save-dev pactum), or pass your pactum's handler: registerZavuHandlers(require('pactum').handler)\n");
});

test("with no argument the handlers land on the user's pactum, the one installed beside the package", async () => {
  const script = "require('zavu-conformance/pactum').registerZavuHandlers(); const { handler } = require('pactum'); console.log(typeof handler.getExpectHandler('zavuContract'), typeof handler.getExpectHandler('zavuError'));";
  expect((await run(process.execPath, ['-e', script], { cwd: project })).stdout).toBe('function function\n');
});

test('npx zavu-conformance runs the suite against its embedded server and writes reports/ where it stands', async () => {
  const result = await run('npx', ['zavu-conformance'], { cwd: project, env: userEnv() });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/against the embedded reference server/);
  expect(readdirSync(join(project, 'reports')).sort()).toEqual(['certificate.json', 'conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  expect((JSON.parse(readFileSync(join(project, 'reports/certificate.json'), 'utf8')) as { level: string }).level).toBe('full');
  expect((await run('npx', ['zavu-conformance', 'mock', '--version'], { cwd: project })).stdout).toMatch(/^\d+\.\d+\.\d+ \(build [0-9a-f]{12}\)\n$/);
});

/** Starts `npx zavu-conformance mock --port 0` in its own process group, as a terminal would. */
async function startMock(): Promise<{ baseUrl: string; pid: number; ended: Promise<number | null> }> {
  const child = spawn('npx', ['zavu-conformance', 'mock', '--port', '0'], { cwd: project, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const ended = new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    void ended.then(() => reject(new Error(`the mock ended before its first line: ${out}`)));
  });
  return { baseUrl: (JSON.parse(line) as { baseUrl: string }).baseUrl, pid: child.pid ?? 0, ended };
}

/** True while something still answers on the mock's port (bounded: 40 tries, 100 ms apart). */
async function stopsAnswering(baseUrl: string): Promise<boolean> {
  for (let i = 0; i < 40; i += 1) {
    try {
      await fetch(`${baseUrl}/v1/senders/x/whatsapp-sync`, { signal: AbortSignal.timeout(500) });
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

test.each([
  ['SIGTERM to npx', (pid: number) => process.kill(pid, 'SIGTERM')],
  ['Ctrl-C (SIGINT to the process group)', (pid: number) => process.kill(-pid, 'SIGINT')],
])('npx zavu-conformance mock prints its JSON line and stops on %s', async (_name, stop) => {
  const mock = await startMock();
  const answered = await fetch(`${mock.baseUrl}/v1/senders/x/whatsapp-sync`);
  expect(answered.status).toBe(401);
  stop(mock.pid);
  await mock.ended;
  // The server itself is gone, not just npm: nothing is left listening on the port.
  expect(await stopsAnswering(mock.baseUrl)).toBe(true);
});

test('npx zavu-conformance (a run) ends as interrupted when npx is sent SIGTERM, though npm\'s shell does not pass it on: no orphan writes a verdict later', async () => {
  // A target that never answers: the run is still waiting on it when npx goes.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  const reports = join(scratchDir(), 'r');
  const child = spawn('npx', ['zavu-conformance', '--base-url', `http://127.0.0.1:${port}`, '--operation', 'getWhatsAppSyncStatus', '--reports', reports, '--timeout', '30000'], { cwd: project, env: { ...userEnv(), ZAVU_API_KEY: 'zv_test_k' }, stdio: 'ignore', detached: true });
  try {
    // Bounded: up to 20 s for the first request to arrive, then up to 10 s for NOT RUN.
    const connections = () => new Promise<number>((resolve) => silent.getConnections((_error, count) => resolve(count)));
    for (let i = 0; i < 200 && (await connections()) === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    process.kill(child.pid ?? 0, 'SIGTERM');
    let summary = '';
    for (let i = 0; i < 100 && !summary.includes('NOT RUN'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      summary = existsSync(join(reports, 'summary.md')) ? readFileSync(join(reports, 'summary.md'), 'utf8') : '';
    }
    // dash swallows npm's SIGTERM (the parent watch ends the run); bash, sh elsewhere, passes it on.
    expect(summary).toMatch(/NOT RUN[\s\S]*(npm, which started it, ended|interrupted by SIGTERM)/);
  } finally {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }
});

test("a user's Jest test file uses the library and the matchers from the installed package", async () => {
  copyFileSync(join(__dirname, 'user-project/zavu-api.test.js'), join(project, 'zavu-api.test.js'));
  const result = await run(process.execPath, [join(project, 'node_modules/jest/bin/jest.js'), '--ci', '--colors=false', 'zavu-api.test.js'], { cwd: project });
  expect(result.stderr).toMatch(/Tests:\s+4 passed, 4 total/);
  expect(result.code).toBe(0);
});

test("a user's pactum specs use the Zavu expect handlers from the installed package", async () => {
  copyFileSync(join(__dirname, 'user-project/zavu-pactum.test.js'), join(project, 'zavu-pactum.test.js'));
  const result = await run(process.execPath, [join(project, 'node_modules/jest/bin/jest.js'), '--ci', '--colors=false', 'zavu-pactum.test.js'], { cwd: project });
  expect(result.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
  expect(result.code).toBe(0);
});

// Both files, whole: a README fragment a reader cannot paste (free variables, a top-level await
// beside require()) is one no test runs.
test.each(['zavu-api.test.js', 'zavu-pactum.test.js'])("the README shows the user's %s exactly as it runs here", (name) => {
  const file = readFileSync(join(__dirname, 'user-project', name), 'utf8');
  expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain(`\`\`\`js\n${file}\`\`\``);
});

test('the types resolve through the exports map, strictly, under nodenext, node16 and bundler resolution, and ESM imports see the named exports', async () => {
  copyFileSync(join(__dirname, 'user-project/types-check.ts'), join(project, 'types-check.ts'));
  // The three resolutions a user's tsconfig names today (node10 is gone from TypeScript 7): each reads the exports map's "types".
  for (const [module, moduleResolution] of [['nodenext', 'nodenext'], ['node16', 'node16'], ['esnext', 'bundler']]) {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module, moduleResolution, target: 'es2022', noEmit: true, skipLibCheck: false, types: [] }, files: ['types-check.ts'] }));
    const tsc = await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    expect({ moduleResolution, output: tsc.stdout + tsc.stderr, code: tsc.code }).toEqual({ moduleResolution, output: '', code: 0 });
  }
  const esm = "import { runConformance, startReferenceServer } from 'zavu-conformance'; import { zavuMatchers } from 'zavu-conformance/jest'; import { registerZavuHandlers } from 'zavu-conformance/pactum'; console.log([typeof runConformance, typeof startReferenceServer, typeof zavuMatchers.toMatchZavuContract, typeof zavuMatchers.toBeZavuError, typeof registerZavuHandlers].join())";
  expect((await run(process.execPath, ['--input-type=module', '-e', esm], { cwd: project })).stdout).toBe('function,function,function,function,function\n');
  // The README's ESM recipe for pactum, a CommonJS module whose named exports Node cannot see.
  const esmPactum = "import pactum from 'pactum'; import { registerZavuHandlers } from 'zavu-conformance/pactum'; const { handler } = pactum; registerZavuHandlers(handler); console.log(typeof handler.getExpectHandler('zavuContract'))";
  expect((await run(process.execPath, ['--input-type=module', '-e', esmPactum], { cwd: project })).stdout).toBe('function\n');
  expect(existsSync(join(project, 'node_modules/zavu-conformance/dist/library/index.d.ts'))).toBe(true);
});

// The README's two ways to type matchers that a setup file registers, for a test file that imports nothing
// from the entry; and why it puts the .d.ts first: a tsconfig with its own typeRoots looks up "types"
// entries only there, so "zavu-conformance/jest" in "types" is TS2688 in such a project.
test('a test file that imports nothing from the entry sees the matchers through the .d.ts, with or without typeRoots, or through "types" without typeRoots', async () => {
  writeFileSync(join(project, 'setup-typed.ts'), "import { expect } from '@jest/globals';\nexpect({ status: 200, headers: {}, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus');\n");
  writeFileSync(join(project, 'zavu-matchers.d.ts'), "import 'zavu-conformance/jest';\n");
  const compile = async (options: Record<string, unknown>, files: string[]): Promise<string> => {
    writeFileSync(join(project, 'tsconfig.setup.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', noEmit: true, ...options }, files }));
    const tsc = await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.setup.json'], { cwd: project });
    return (tsc.stdout + tsc.stderr).replace(/\n[\s\S]*/, '');
  };
  const typeRoots = ['./node_modules/@types'];
  // @jest/globals' own declarations need Node's: "node" is in every project's "types" that names any.
  expect(await compile({ types: ['node'] }, ['setup-typed.ts'])).toMatch(/TS2339: Property 'toMatchZavuContract' does not exist/);
  expect(await compile({ types: ['node'] }, ['setup-typed.ts', 'zavu-matchers.d.ts'])).toBe('');
  expect(await compile({ typeRoots, types: ['node'] }, ['setup-typed.ts', 'zavu-matchers.d.ts'])).toBe('');
  expect(await compile({ types: ['node', 'zavu-conformance/jest'] }, ['setup-typed.ts'])).toBe('');
  expect(await compile({ typeRoots, types: ['node', 'zavu-conformance/jest'] }, ['setup-typed.ts'])).toMatch(/TS2688: Cannot find type definition file for 'zavu-conformance\/jest'/);
});

test("the reports' JSON Schemas and the contract resolve through the exports map, for a user's CI to validate what a run wrote", async () => {
  const script = "const { readFileSync } = require('node:fs'); const schema = JSON.parse(readFileSync(require.resolve('zavu-conformance/schemas/certificate.schema.json'), 'utf8')); const spec = readFileSync(require.resolve('zavu-conformance/specs/whatsapp-sync.openapi.yaml'), 'utf8'); console.log(typeof schema.properties, spec.startsWith('openapi: 3.0.3'))";
  const result = await run(process.execPath, ['-e', script], { cwd: project });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('object true\n');
});

test('every typed entry resolves without the exports map too (TypeScript 5 with "module": "commonjs" reads typesVersions)', () => {
  const installed = join(project, 'node_modules/zavu-conformance');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, { types?: string }>; typesVersions: Record<string, Record<string, string[]>> };
  const subpaths = Object.entries(manifest.exports).filter(([subpath, entry]) => subpath !== '.' && entry.types !== undefined);
  expect(subpaths.length).toBeGreaterThan(0);
  for (const [subpath, entry] of subpaths) {
    const mapped = manifest.typesVersions['*']?.[subpath.replace(/^\.\//, '')];
    expect({ subpath, mapped }).toEqual({ subpath, mapped: [entry.types?.replace(/^\.\//, '')] });
    expect(existsSync(join(installed, mapped?.[0] ?? 'missing'))).toBe(true);
  }
});
