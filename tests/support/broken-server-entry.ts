/** The shape of one deliberately broken server in the catalogue (tests/support/broken-servers.ts). */
import type { ResponseFault } from '../../src/reference-server';

/** A reference server with one contract breach, and what the suite must say about it. */
export interface BrokenServer {
  /** Stable kebab-case name, used in test titles. */
  name: string;
  /** The breach, in words. */
  description: string;
  /** Id of the conformance check that must report the breach (an error, not a warning). */
  expectedCheck: string;
  /** The planned case id whose exchange shows the breach, e.g. "coexistence[snd_coex_active]". */
  expectedCaseId?: string;
  /** The step of a sequence that must show it. */
  expectedStep?: string;
  /** When given, the only cases that may fail (a breach no other case can see, e.g. a race only concurrent requests meet). */
  onlyFailingCases?: string[];
  /** Extra CLI flags of the run (e.g. --allow-writes) and fixture variables over the server's own. */
  args?: string[];
  env?: Record<string, string>;
  fault: ResponseFault;
}
