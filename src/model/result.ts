/** Results and run metadata: the closed vocabulary every reporter renders. */
import type { ScenarioFamily } from './scenario';
import type { Violation } from './violation';

export type ResultStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface CaseResult {
  id: string;
  /** Operation label, e.g. "GET /v1/senders/{senderId}/whatsapp-sync". */
  operation: string;
  scenario: string;
  family: ScenarioFamily;
  description: string;
  status: ResultStatus;
  durationMs: number;
  /** Errors and warnings; a passed result may carry warnings. */
  violations: Violation[];
  skipReason?: string;
  /** For "error": what went wrong inside the suite (a crashing check). */
  errorMessage?: string;
  expectedStatus: number;
  receivedStatus?: number;
  /** Shell-safe reproduction, the key shown as $ZAVU_API_KEY. */
  curl?: string;
  exchangeId?: string;
  /** Where the exchange came from in replay mode (a recording file). */
  source?: string;
}

export type RunMode = 'live' | 'record' | 'replay';

export interface RunInfo {
  target: string;
  mode: RunMode;
  suiteVersion: string;
  specTitle: string;
  specVersion: string;
  specSha256: string;
  startedAt: string;
  finishedAt: string;
  node: string;
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  total: number;
  warnings: number;
}

export interface ConformanceReport {
  runInfo: RunInfo;
  summary: RunSummary;
  results: CaseResult[];
}
