/** What a run needs once its target is settled, whether that is a live server or a recording. */
import type { PlannedCase } from '../model';

export interface PreparedRun {
  baseUrl: string;
  apiKey?: string;
  /** The other project's own key, sent by the reads of its sender as its owner sees it. */
  otherProjectKey?: string;
  cases: PlannedCase[];
  /** Every configured fixture value (for the negative-input property). */
  fixtures: string[];
  /** One value per role, for the property's fixed near-miss examples. */
  exampleFixtures: string[];
  /** The fixtures the key must not see: no spelling of theirs may be served. */
  hiddenFixtures: string[];
  /** Those a write may be sent to all the same (consent given, or the embedded server's fresh store): a write property sends their spellings. */
  writableHiddenFixtures?: string[];
  /**
   * A live target's configured fixture values → their environment variable (bind-fixtures.ts
   * fixtureVariables); a replay's from its recording's roles (log._zavu.fixtures); absent for the
   * embedded server and a replay of a recording without them.
   */
  fixtureVariables?: Record<string, string>;
  /**
   * With fixtureVariables: each configured role → its values (bind-fixtures.ts configuredRoles),
   * what a record run keeps (log._zavu.fixtures) so its replay names the same variables. A replay
   * has fixtureVariables from its recording's, and no need of this.
   */
  fixtureRoles?: Record<string, string[]>;
  /** A live run to an https:// target with NODE_TLS_REJECT_UNAUTHORIZED=0: Node verified no certificate (runInfo.tlsUnverified). */
  tlsUnverified?: boolean;
  /**
   * A replay's: the key-shaped words its recordings hold (recording/recorded-keys.ts), scrubbed from
   * its results and notes as a live run's keys are. A replay has no key to scrub by value.
   */
  recordedKeys?: string[];
  /**
   * Whether this is a write run (runInfo.allowWrites, model/result.ts ranWrites): the writes it was
   * allowed to send, not the --allow-writes flag alone. A live run's: the flag, or the embedded
   * server (its state is disposable, every write is planned); a replay's: its recordings' kind (it
   * sends nothing, with the flag or without it).
   */
  writes: boolean;
  /** How reports name the target. */
  targetLabel: string;
  /** The line printed before the run starts. */
  banner: string;
  /**
   * Lines printed after the banner (`note: …`), and kept in the report (runInfo.notes) for a reader
   * of summary.md and the HTML: only what bears on reading the verdict belongs here (settings the
   * run was given and has no use for, cases judged otherwise than their row says, recordings made
   * under another contract). What concerns only the console (progress, how to reproduce) is printed
   * by the run itself, not put here.
   */
  notes?: string[];
  close(): Promise<void>;
}
