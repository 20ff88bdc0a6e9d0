/**
 * Certifies a real third-party mock server: the conformance CLI against Stoplight Prism, compared
 * per case with expectations/prism-certificate.json (what Prism honours, what it cannot, and why).
 * Bounded: Prism must answer within 20 s, the CLI is killed after 60 s (run-cli.ts), and Prism is always killed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from '../../src/model';
import { runConformanceCli, type ConformanceRun } from '../support/conformance-run';
import { startPrism, type PrismServer } from '../support/prism';
import { repoRoot } from '../support/run-cli';
import { diffCases, diffCertificate, formatDiff, observedOutcomes, type PrismExpectation } from './certificate-expectation';

const EXPECTATION_FILE = 'expectations/prism-certificate.json';
const expectation = JSON.parse(readFileSync(join(repoRoot, EXPECTATION_FILE), 'utf8')) as PrismExpectation;
const prismVersion = (JSON.parse(readFileSync(join(repoRoot, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8')) as { version: string }).version;

let prism: PrismServer | undefined;
let run: ConformanceRun | undefined;

beforeAll(async () => {
  prism = await startPrism(join(repoRoot, 'specs/whatsapp-sync.openapi.yaml'), { startTimeoutMs: 20000 });
  // The expectation covers the read: a mock of a write cannot keep state, and a live run skips writes anyway.
  run = await runConformanceCli(['--base-url', prism.baseUrl, '--operation', 'getWhatsAppSyncStatus'], expectation.env);
}, 50000);

afterAll(async () => {
  await prism?.close();
}, 10000);

function completedRun(): ConformanceRun & { report: NonNullable<ConformanceRun['report']> } {
  if (run?.report === undefined) {
    throw new Error(`the CLI wrote no conformance.json (exit ${String(run?.code)}):\n${run?.stderr ?? ''}\n${run?.stdout ?? ''}`);
  }
  return run as ConformanceRun & { report: NonNullable<ConformanceRun['report']> };
}

test('every case behaves against Prism as expectations/prism-certificate.json records', () => {
  const { report, code, stderr } = completedRun();
  const lines = diffCases(expectation.cases, observedOutcomes(report));
  if (prismVersion !== expectation.prismVersion) lines.unshift(`~ Prism version: expected ${expectation.prismVersion}, installed ${prismVersion}`);
  if (code !== expectation.exitCode) lines.push(`~ CLI exit code: expected ${expectation.exitCode}, observed ${String(code)}`);
  if (stderr !== '') lines.push(`~ CLI stderr should be empty, was: ${stderr.trim()}`);
  if (lines.length > 0) throw new Error(`${formatDiff(lines, EXPECTATION_FILE)}\n\nPrism log (tail):\n${prism?.output().split('\n').slice(-15).join('\n') ?? ''}`);
});

test('the run names Prism as its target and skips nothing', () => {
  const { report } = completedRun();
  expect(report.runInfo.target).toBe(prism?.baseUrl);
  expect(report.summary.skipped).toBe(0);
});

test('certificate.json is written, with the expected families and level', () => {
  const { reportsDir } = completedRun();
  const file = join(reportsDir, 'certificate.json');
  expect(existsSync(file)).toBe(true);
  const certificate = JSON.parse(readFileSync(file, 'utf8')) as Certificate;
  const lines = diffCertificate(expectation.certificate, certificate);
  if (lines.length > 0) throw new Error(formatDiff(lines, EXPECTATION_FILE));
});
