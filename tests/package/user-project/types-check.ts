// Compiled with tsc against the installed package (strict, skipLibCheck off; nodenext, node16 and
// bundler resolution alike): the exports map's types resolve and say what the README says. Not run.
import { runConformance, startReferenceServer, suiteIdentity, suiteVersion, ConformanceError, UnreachableError, UsageError, type UnreachableReason, type UnreadFile, type CaseResult, type CertificateLevel, type ConformanceResult, type ReferenceServer, type ResultStatus, type RunSummary, type Violation } from 'zavu-conformance';
import { zavuMatchers, type ZavuContractOptions } from 'zavu-conformance/jest';
import { registerZavuHandlers, type ZavuContractExpectation, type ZavuErrorExpectation } from 'zavu-conformance/pactum';
import { handler, spec } from 'pactum';
// A TypeScript project that imports Jest's globals (no @types/jest, injectGlobals off) reads the
// matchers from the expect package's Matchers.
import { expect as expectFromGlobals } from '@jest/globals';

declare const expect: { extend(matchers: typeof zavuMatchers): void; (actual: unknown): jest.Matchers<void, unknown> };

export async function example(): Promise<number> {
  expect.extend(zavuMatchers);
  // The listen error's code is typed: a caller picks another port on EADDRINUSE without a cast.
  const server: ReferenceServer = await startReferenceServer({ port: 4010 }).catch((error: unknown) => {
    if (error instanceof ConformanceError && error.code === 'EADDRINUSE') return startReferenceServer({ port: 0 });
    throw error;
  });
  // Always there (the README passes it on as it is): no `!` and no `string | undefined`.
  const otherProjectApiKey: string = server.otherProjectApiKey;
  const options: ZavuContractOptions = { status: 200 };
  expect({ status: 200, headers: {}, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus', options);
  expect(new Error('x')).toBeZavuError(404);
  expectFromGlobals.extend(zavuMatchers);
  expectFromGlobals({ status: 200, headers: {}, body: {} }).toMatchZavuContract('getWhatsAppSyncStatus', options);
  expectFromGlobals({ status: 200, headers: {}, body: {} }).not.toBeZavuError(404, 'getWhatsAppSyncStatus');
  await expectFromGlobals(Promise.reject(new Error('x'))).rejects.toBeZavuError(404);
  // pactum's own handler object is what registerZavuHandlers takes.
  const names: { contract: 'zavuContract'; error: 'zavuError' } = registerZavuHandlers(handler);
  const contract: ZavuContractExpectation = { operationId: 'getWhatsAppSyncStatus', status: 200 };
  const error: ZavuErrorExpectation = { status: 404, operationId: 'getWhatsAppSyncStatus' };
  await spec().get(server.baseUrl).expect(names.contract, contract).expect(names.error, error).toss();
  try {
    const result: ConformanceResult = await runConformance({ baseUrl: server.baseUrl, apiKey: server.apiKey, otherProjectApiKey, senders: server.senders, timeoutMs: 5000, reports: 'reports' });
    // The report's parts are named types: a helper over the failures, a gate on the level.
    const failing: ResultStatus = 'failed';
    const faults = (cases: readonly CaseResult[]): Violation[] => cases.filter((c) => c.status === failing).flatMap((c) => c.violations);
    const level: CertificateLevel = result.report.certificate.level;
    const summary: RunSummary = result.report.summary;
    return result.exitCode + summary.failed + faults(result.report.results).length + (level === 'full' ? 0 : 1);
  } catch (error) {
    return error instanceof ConformanceError ? error.exitCode : 2;
  } finally {
    await server.close();
  }
}

// The README's way to tell a rejection apart, as it shows it: the class is exported, `code` typed.
export async function unreachable(): Promise<ConformanceResult | undefined> {
  const result = await runConformance({ baseUrl: 'http://127.0.0.1:4010', apiKey: 'zv_test_0123' }).catch((error: unknown) => {
    if (error instanceof UnreachableError && error.code === 'ECONNREFUSED') return undefined; // nothing listens: start it first
    if (error instanceof UnreachableError && error.reason === 'timeout') return undefined; // nothing in time: no connection (ETIMEDOUT, a firewall that drops) or no answer (ZAVU_NO_ANSWER, a slow target)
    throw error; // UsageError, SpecError, RecordingError, FileSystemError: exit code 2, the message says what to fix
  });
  const exitCode: 0 | 1 | 2 | undefined = result?.exitCode;
  return exitCode === undefined ? undefined : result;
}

// baseUrl takes a WHATWG URL, as the README says, with no cast; an UnreachableError's reason is the exported union.
export async function fromUrl(target: URL): Promise<UnreachableReason | number> {
  return runConformance({ baseUrl: target, apiKey: 'zv_test_0123' }).then(
    (result) => result.exitCode,
    (error: unknown) => {
      if (error instanceof UnreachableError) return error.reason;
      throw error;
    },
  );
}

// A caller's own refusal of a file, in the suite's classes: the constructors' file type is exported, as the README says.
export function refusedBaseline(file: string): UsageError {
  const named: UnreadFile = { path: file, code: 'EACCES' };
  return new UsageError(`--baseline ${file}: permission denied`, named);
}

// Which suite a caller runs, as the README shows it: the version always, the build when the dist names one.
export function identity(): string {
  const { suiteBuild }: { suiteVersion: string; suiteBuild?: string } = suiteIdentity();
  const version: string = suiteVersion();
  return suiteBuild === undefined ? version : `${version} (build ${suiteBuild})`;
}
