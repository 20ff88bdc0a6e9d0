/** Shapes shared by the reference server's handler, its fault hook and its node:http adapter. */
import type { SenderStore } from './sender-store';
import type { WhatsAppSyncStatus } from './sync-status';

/**
 * A response decided before any byte is written. Header names are lower-case; the adapter writes
 * exactly these headers (plus Content-Length when absent), so a fault can also remove one.
 */
export interface PlannedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * Test faults only: the answer is written once this settles (rejected: a 500), while the server
   * goes on serving other requests. What a handler that awaits something between reading a state
   * and answering (a call to Meta) looks like from outside; the reference handler never sets it.
   */
  after?: Promise<unknown>;
}

/** The parts of a request the handler looks at; everything else (body, other headers) is ignored. */
export interface RequestSummary {
  method: string;
  /** Path and query exactly as received, still percent-encoded. */
  path: string;
  /** The raw Authorization header, absent when the request had none. */
  authorization?: string;
}

/** What a fault sees: the request, what it was about, the plan, and the store. */
export interface FaultContext extends RequestSummary {
  /** The server's own key, for a fault that compares presented keys with it the wrong way. */
  apiKey: string;
  /** The decoded senderId path segment, present even when authentication fails. */
  senderId?: string;
  /** The operation of the matched route. */
  operationId?: string;
  /** The sender's sync state before the handler ran (coexistence senders only). */
  before?: WhatsAppSyncStatus;
  /** The server's store: a fault may undo or alter what the handler changed. */
  store: SenderStore;
  /** The operation's answer as if the caller were authenticated (runs it: a start then takes effect). */
  authorized(): PlannedResponse;
  /** The operation's answer as if every project's senders were the caller's (a server without project checks). */
  unscoped(): PlannedResponse;
  planned: PlannedResponse;
}

/**
 * Test-only hook that makes the server break its contract. Returns the response to send instead,
 * or undefined to keep the planned one. A fault that throws yields a 500 Error response.
 */
export type ResponseFault = (context: FaultContext) => PlannedResponse | undefined;

/** Options of {@link startReferenceServer}. */
export interface ReferenceServerOptions {
  /** TCP port; 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Interface to bind; defaults to 127.0.0.1 so nothing is exposed beyond loopback. */
  host?: string;
  /** The only accepted bearer token; defaults to "zv_test_" followed by 32 random hex digits. */
  apiKey?: string;
  /**
   * The key of the project `senders.otherProject` belongs to (otherProjectApiKey), for a server
   * that must answer as one before it did; defaults to a random key as apiKey does.
   */
  otherProjectApiKey?: string;
  fault?: ResponseFault;
}

/** Sender ids of the seeded fixtures, grouped by the role they play in the contract. */
export interface SeededSenderIds {
  coexistence: string[];
  noWaba: string;
  notCoexistence: string;
  /** Active, nothing requested: the one sender a start is meant for. */
  syncable: string;
  /** Active, nothing requested, like `syncable`: the concurrent starts' own, so they meet both parts startable after syncable's starts. */
  syncableConcurrent: string;
  /** Coexistence, account not active. */
  notActive: string;
  /** A sender of another project: the server's key must not see it (404, exactly as an unknown id). */
  otherProject: string;
}

/** A running reference server. */
export interface ReferenceServer {
  /** e.g. "http://127.0.0.1:40123", without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  senders: SeededSenderIds;
  /** The key of the project `senders.otherProject` belongs to: what reads that sender as its owner does (ZAVU_OTHER_PROJECT_API_KEY of a run against this server). */
  otherProjectApiKey?: string;
  /** Keys of the seed's other projects, by project: each sees its own senders and none of the key's. */
  otherProjectKeys: Readonly<Record<string, string>>;
  /** Stops listening and destroys open (keep-alive) connections; safe to call twice. */
  close(): Promise<void>;
}
