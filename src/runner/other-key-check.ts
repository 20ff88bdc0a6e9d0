/**
 * Is the other project's key (ZAVU_OTHER_PROJECT_API_KEY) one the target takes? Nothing else asks
 * before the run: the transport's guard watches the configured key only, so a wrong or revoked
 * one is answered 401 on every read made with it, and the isolation rows that read with it fail
 * as the target's fault: a false alarm on a conformant server. One GET before the first case, a
 * read that project must be able to make, tells a refused key from a target's bug, and the run
 * stops (exit 2, as for a refused key) naming the variable, never its value.
 *
 * The read is of ZAVU_SENDER_OTHER_PROJECT, the project's own sender (the data's read-owner steps
 * expect 200 of it), else of the id that names no sender (read-unknown-as-other-project expects
 * 404): neither is ever answered 401 to a key the target takes. Only a refusal of this key stops
 * the run: one the target gives the configured key too, on the same read, is the target's (or
 * that key's) and is left to the guard. A 200 or a 404 shows the key taken (whatever the target then shows it of other
 * projects, the isolation rows judge: a target that leaks across projects still fails them), and
 * a plain 403 is "who, not whether", as the guard reads it for the configured key.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { HttpResponse, OperationContract, PlannedCase } from '../model';
import { OtherKeyRefusedError } from '../model/errors';
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import { buildRequest } from '../transport/build-request';
import type { RateLimitOptions } from '../transport/rate-limit';

/** Bytes of the answer read: the status and the challenge decide, the body is not looked at. */
const CHECK_BODY_BYTES = 16 * 1024;

/** What the check reads: a sender id, and the variable that names it in the line (never the id: it may be hidden). */
export interface KeyCheckRead {
  senderId: string;
  /** "ZAVU_SENDER_OTHER_PROJECT" ("… (from .env)" when the file gave it), or a description of the unknown id. */
  named: string;
  /** True for the project's own sender: a 404 there means the key was taken but does not see it. */
  own: boolean;
  /** The own sender's variable alone (no "(from .env)"), for the question the line asks; `named` when absent. */
  variable?: string;
}

/**
 * A refusal of the key itself: any 401 (RFC 9110 §15.5.2: the credentials are not valid), or a
 * 403 whose Bearer challenge says the token is invalid (RFC 6750 §3.1 `invalid_token`: expired,
 * revoked, malformed; some servers send it with 403). A 403 without it is a refusal of what the
 * key asked (RFC 6750's `insufficient_scope`, or a project rule): the key was taken, and the rows
 * judge the answer.
 */
export function refusesKey(response: Pick<HttpResponse, 'status' | 'headers'>): boolean {
  if (response.status === 401) return true;
  if (response.status !== 403) return false;
  const challenge = response.headers['www-authenticate'] ?? '';
  return /\bbearer\b/i.test(challenge) && /\berror\s*=\s*"?invalid_token"?/i.test(challenge);
}

/** The path parameter the check sends its sender in (buildRequest below): a read on it alone can carry it. */
const SENDER_PARAMETER = 'senderId';

/** A read (GET on its own path) with the sender parameter alone: what the check can send the checked sender's id through. */
function readsSender(operation: OperationContract | undefined): operation is OperationContract {
  return operation !== undefined && operation.method === 'GET' && operation.pathParameters.length === 1 && operation.pathParameters[0] === SENDER_PARAMETER;
}

/**
 * The operation the check reads with, taken from the data, not named here: an operation added as
 * data (its folder alone, or `--operation` it) is checked with a read the target serves. First a
 * read (as sent: no method, path or query of its own) a case the run sends makes with the other
 * project's key of `checked` (the sender the check reads: its status is what it judges); then any
 * such read of that key; then, when a case sends the key only to writes (the start's row on the
 * key's own sender, its read of the other sender skipped or in another shard), the contract's first
 * read of a sender, as the check ran before it was taken from the data. Undefined when no case
 * sends the key (nothing checked, nothing sent).
 */
export function keyCheckOperation(cases: readonly PlannedCase[], operations: ReadonlyMap<string, OperationContract>, checked?: string): OperationContract | undefined {
  const reads = cases
    .filter((planned) => planned.skipReason === undefined)
    .flatMap((planned) => planned.steps.filter((step) => step.auth === 'other-project-key' && step.method === undefined && step.pathTemplate === undefined && step.query === undefined).map((step) => ({ operation: operations.get(step.operationId), sender: step.params?.[SENDER_PARAMETER] ?? planned.params[SENDER_PARAMETER] })))
    .filter((read): read is { operation: OperationContract; sender: string | undefined } => readsSender(read.operation));
  const picked = reads.find((read) => checked !== undefined && read.sender === checked) ?? reads[0];
  if (picked !== undefined) return picked.operation;
  return sendsOtherKey(cases) ? [...operations.values()].find(readsSender) : undefined;
}

/** Whether any case the run will send carries the other project's key: otherwise nothing is checked (and nothing sent). */
export function sendsOtherKey(cases: readonly PlannedCase[]): boolean {
  return cases.some((c) => c.skipReason === undefined && c.steps.some((step) => step.auth === 'other-project-key'));
}

/**
 * The line of a refusal: the target as shown (no key), the status, what was read, and the variable
 * to fix. `named` is a variable name or the suite's own words, never a value; `keyLabel` is the
 * key's variable as the settings' lines name it ("… (from .env)" when the file gave it). The
 * question names the sender's variable only when that sender was read: with it unset the read was
 * of the id that names no sender, and all it can ask is whether the target takes the key at all.
 */
export function refusedLine(target: string, status: number, read: Pick<KeyCheckRead, 'named' | 'own' | 'variable'>, keyLabel: string = OTHER_PROJECT_KEY_ENV): string {
  const question = read.own ? `is it the key of the project ${read.variable ?? read.named} belongs to, and still valid?` : 'is it a key this target takes, and still valid?';
  return `${target} answered ${status} to a read of ${read.named} sent with ${keyLabel}, before any case: ${question} (unset it to run without the isolation reads that need it)`;
}

/**
 * The note of a 404 to the project's own sender: the key was taken, but that project does not
 * see the sender. The run goes on (a target that hides a project's own senders is the target's
 * fault, and the read-owner steps fail it); the note says which setting to check first, then the
 * target's causes, neither as certain (this one read cannot tell them apart), the key named as the
 * refusal's line names it (`keyLabel`: "… (from .env)" when the file gave it).
 */
export function unseenOwnSenderNote(read: Pick<KeyCheckRead, 'named'>, keyLabel: string = OTHER_PROJECT_KEY_ENV): string {
  // The settings right, the target's causes: it takes every key for the run's (a mock's first cut that
  // checks no key), or it takes keys apart but lacks the sender (a mock seeded without it); a 404 reads the same.
  return `${keyLabel} was taken but its read of ${read.named} before any case was answered 404: if that sender is not of the key's project, the reads as its owner fail for the settings, not the target; if it is, they fail for the target, which does not show that project its own sender: it may take that key for the run's (as a mock that checks no key may), or lack that sender`;
}

/**
 * Sends the one read and stops the run when the key is refused; resolves to a note for the run
 * when there is one. No answer at all (a timeout, a reset), a 429 or a 5xx decides nothing: the
 * run goes on, and the transport's guard judges a silent target as it does without this check.
 */
export async function checkOtherProjectKey(input: {
  baseUrl: string;
  /** The run's key: a refusal is the other key's only when the target takes this one on the same read. */
  apiKey?: string;
  /** The target as every report shows it, keys scrubbed. */
  shown: string;
  otherProjectKey: string;
  /** The key's variable as the line names it: "ZAVU_OTHER_PROJECT_API_KEY", with "(from .env)" when the file gave it. */
  keyLabel?: string;
  read: KeyCheckRead;
  /** The read it sends (keyCheckOperation): one the run's own cases make with that key. */
  operation: OperationContract;
  timeoutMs: number;
  /** The run's --rate (sleep and now for tests): the check's reads are requests of the run, paced as its cases are. */
  pacing?: Pick<RateLimitOptions, 'ratePerSecond' | 'sleep' | 'now'>;
  /**
   * A library run's signal: aborted, the pacing's waits end (as the run's own do when it closes) and
   * nothing more is sent; the check decides nothing, and the run stops as aborted before its first case.
   */
  signal?: AbortSignal;
}): Promise<string | undefined> {
  const { operation } = input;
  const target = { baseUrl: input.baseUrl, apiKey: input.apiKey ?? '', unknownKey: '', otherProjectKey: input.otherProjectKey };
  // Loaded here, not above: this module loads with every run's, and a replay never loads the live transport.
  const { HttpTransport } = require('../transport/http-transport') as typeof import('../transport/http-transport');
  const { RateLimitedTransport } = require('../transport/rate-limit') as typeof import('../transport/rate-limit');
  const http = new HttpTransport(input.timeoutMs, CHECK_BODY_BYTES, 1);
  // The limiter the cases' requests go through, with the run's rate: a --rate asked of a target
  // that limits its clients holds for every request sent to it, this check's as well.
  const { signal } = input;
  const paced = new RateLimitedTransport(http, { concurrency: 1, ...(signal !== undefined ? { sleep: (ms: number) => delay(ms, undefined, { signal }) } : {}), ...input.pacing });
  const read = async (auth: 'other-project-key' | 'valid', id: string): Promise<HttpResponse | undefined> =>
    signal?.aborted === true ? undefined : (await paced.send(buildRequest(operation, { senderId: input.read.senderId }, auth, target), id)).response;
  try {
    const note = await judge();
    // The run goes on with a limiter of its own, which knows nothing of these reads: the check
    // returns once the next request may leave, so the first case's is a tick after its last.
    await paced.untilNextStart();
    return note;
  } catch (error) {
    // A wait the run's abort ended (up to 10 s at --rate's least): no verdict on the key, the run stops as aborted.
    if (signal?.aborted === true && !(error instanceof OtherKeyRefusedError)) return undefined;
    throw error;
  } finally {
    http.close();
  }

  async function judge(): Promise<string | undefined> {
    const response = await read('other-project-key', 'other-project-key-check');
    if (response === undefined) return undefined;
    if (!refusesKey(response)) return input.read.own && response.status === 404 ? unseenOwnSenderNote(input.read, input.keyLabel) : undefined;
    // The same read with the run's key (the data's other-project-sender, a 404 on a conformant
    // target): refused too, it is the target that refuses keys (a wrong target, a gateway in front),
    // not this one; the run goes on, and the guard names the configured key on its first requests.
    if (input.apiKey !== undefined) {
      const own = await read('valid', 'other-project-key-check#with-the-key');
      if (own !== undefined && refusesKey(own)) return undefined;
    }
    throw new OtherKeyRefusedError(refusedLine(input.shown, response.status, input.read, input.keyLabel));
  }
}
