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
// The classes a run or the server rejects with, the very ones thrown: a caller tells them apart by instanceof.
export { AbortError, ConformanceError, DataError, ExitCode, FileSystemError, OtherKeyRefusedError, RecordingError, SpecError, UnreachableCode, UnreachableError, UsageError } from '../model/errors';
// UnreadFile: what their constructors take for the file that stopped a run (`path`, `code`).
export type { DataProblem, UnreachableReason, UnreadFile } from '../model/errors';
// The report's parts a caller names in its own code (a helper over the failures, a gate on the level).
export type { ConformanceReport, CaseResult, Certificate, CertificateLevel, ResultStatus, RunSummary, StepResult, Violation } from '../model';
// Which suite a caller runs, as every report's runInfo and certificate name it: one version is many builds (dist/build-id.json).
export { suiteIdentity, suiteVersion } from '../package-root';
