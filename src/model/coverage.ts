/**
 * Coverage: what the target's answers exercised of the contract. The contract side (what is
 * documented) is derived from the spec; the observed side is built from exchanges. Every key in an
 * observation comes from the contract, never from the target, so observations stay bounded.
 */

/** One enum of a response schema, where an operation's answer can carry it. */
export interface EnumSite {
  /** Documented response status key ("200", "4XX", "default"). */
  status: string;
  /** Readable path in the body: "sync.history.status"; arrays add "[]". */
  path: string;
  /** Where the enum is defined, shared by every operation using it: "WhatsAppSyncHistoryStatus", "WhatsAppSyncStatus.status". */
  definition: string;
  /** Allowed values as JSON text of each (null, allowed by nullable, is the optional figure's business). */
  allowed: string[];
}

/** One property not in its object's `required`. */
export interface OptionalSite {
  status: string;
  path: string;
  /** The schema allows null: the property has three states to see, else two. */
  nullable: boolean;
}

/** A named error example: what identifies it in an answer. */
export interface ErrorExampleSite {
  status: string;
  name: string;
  code: string;
  /** Set when another example of the same status shares the code: then the message tells them apart. */
  message?: string;
}

/** What the contract documents for one operation, as coverage counts it. */
export interface OperationCoverageContract {
  statuses: string[];
  errorExamples: ErrorExampleSite[];
  enums: EnumSite[];
  optional: OptionalSite[];
}

/** How often an optional property was present (not null), absent, and null. */
export interface OptionalCounts {
  present: number;
  absent: number;
  null: number;
}

/** What the answers of one case showed of one operation. Keys are site keys ("200 sync.status"). */
export interface CoverageObservation {
  operationId: string;
  exchanges: number;
  /** Documented status keys the answers had. */
  statuses: string[];
  /** Answers with a status the operation does not document. */
  undocumented?: number;
  /** Error examples matched: "400 no_waba". */
  examples: string[];
  /** Enum site key → allowed values seen. */
  enums: Record<string, string[]>;
  /** Enum site key → how many values outside the enum (a schema violation; only counted). */
  outside?: Record<string, number>;
  optional: Record<string, OptionalCounts>;
  /** Bodies not walked: not JSON, cut at the size bound, or too complex. */
  unwalked?: number;
}

/** seen of total, and the share in percent (one decimal, rounded down; 100 when total is 0). */
export interface CoverageFigure {
  seen: number;
  total: number;
  percent: number;
}

export interface CoverageTotals {
  statuses: CoverageFigure;
  errors: CoverageFigure;
  enums: CoverageFigure;
  optional: CoverageFigure;
}

export type CoverageKey = keyof CoverageTotals;

export interface OperationCoverage {
  operationId: string;
  operation: string;
  exchanges: number;
  unwalked: number;
  statuses: { documented: string[]; seen: string[]; undocumented: number };
  errorExamples: { documented: ErrorExampleSite[]; matched: string[] };
  enums: (EnumSite & { seen: string[]; outside: number })[];
  optional: (OptionalSite & OptionalCounts)[];
}

/** One enum definition over every operation whose answers carry it. */
export interface EnumCoverage {
  definition: string;
  allowed: string[];
  seen: string[];
  outside: number;
  /** "operationId status path" of every site. */
  sites: string[];
}

/** One --min-coverage rule and its verdict. */
export interface CoverageRuleVerdict {
  key: CoverageKey;
  min: number;
  percent: number;
  met: boolean;
}

/**
 * What a history record keeps of a run's coverage: only what the run saw, never what the contract
 * documents (the accumulation takes that from the current run), so a year of records stays small.
 */
export interface StoredCoverage {
  operations: {
    operationId: string;
    statuses: { seen: string[] };
    errorExamples: { matched: string[] };
    /** Enum sites with at least one value seen. */
    enums: { status: string; path: string; seen: string[] }[];
    /** Optional sites with at least one state seen. */
    optional: ({ status: string; path: string } & OptionalCounts)[];
  }[];
}

/** Coverage accumulated over a history window (this run and earlier ones of the same target). */
export interface CoverageWindow {
  runs: number;
  totals: CoverageTotals;
  /** Documented items no run of the window saw, readable: "getWhatsAppSyncStatus: status 404", "sync.history.status: rejected". */
  neverSeen: string[];
}

export interface CoverageReport {
  operations: OperationCoverage[];
  enums: EnumCoverage[];
  totals: CoverageTotals;
  /** With --min-coverage: each rule and whether the run met all (check `coverage`). */
  minimum?: { rules: CoverageRuleVerdict[]; met: boolean };
  window?: CoverageWindow;
}
