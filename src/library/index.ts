/**
 * `zavu-conformance` as a library: a conformance run from code and the embedded reference server.
 * The Jest matchers are in `zavu-conformance/jest`.
 *
 * @packageDocumentation
 */
export { runConformance, type CertifiedReport, type ConformanceResult } from './run-conformance';
export type { ConformanceOptions, SenderOptions, SenderRole } from './options';
export { startReferenceServer, type ReferenceServerOptions, type StartedReferenceServer as ReferenceServer } from './start-reference-server';
export type { SeededSenderIds } from '../reference-server/types';
export { AbortError, ConformanceError, ExitCode } from '../model/errors';
export type { ConformanceReport, CaseResult, Certificate } from '../model';
export { suiteVersion } from '../package-root';
