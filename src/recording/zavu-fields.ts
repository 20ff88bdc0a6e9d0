/**
 * The custom fields a zavu-conformance recording adds to HAR 1.2 (which allows "_"-prefixed names),
 * and their readers. They carry what HAR has no place for: which case an entry answers, which auth
 * variant was sent (the header itself is redacted), the path as the suite built it, transport errors,
 * and the cases the run skipped.
 */
import { SHA256_HEX } from '../text/canonical-json';
import type { Entry, Har, Log } from 'har-format';
import type { AuthVariant, BodyTruncation, KeepAliveIgnored, RateLimitRetry, TransportError, TransportErrorKind } from '../model';
import { isRecord } from '../openapi/is-record';
import { writesField } from '../model/result';
import { describeValue, escapeControl, excerpt, oneLine, truncate } from '../text/plain-text';

/** `entry._zavu`. */
export interface ZavuEntryFields {
  caseId: string;
  scenario: string;
  authVariant: AuthVariant;
  /** HttpRequest.path (scrubbed): the URL alone cannot tell it when the base URL has a path prefix. */
  path: string;
  /**
   * PlannedCase.boundAs: path parameter → the role the case's sender was bound through (`any` took
   * `coexistence`'s, or the unknown id's). A replay judges a credential row by that role's own
   * status; absent in recordings made before it was kept, whose replay accepts any sender's.
   */
  boundAs?: Record<string, string>;
  /** Present when no response came back; the entry's response.status is then 0, as in browsers' HARs. */
  error?: TransportError;
  /**
   * Exchange.notSent: the request was held back, never sent (its case stopped, the target lost or
   * judged silent); `error` says why. Without it a replay would read the status-0 entry as a
   * transport error the target caused, and judge a case the live run left unjudged. Absent in
   * recordings made before it was written, whose held-back requests replay as transport errors.
   */
  notSent?: true;
  /** Exchange.retries: the 429s answered before the recorded response (the last, `stopped`, may be its own). */
  retries?: RateLimitRetry[];
  /** Exchange.rateLimitBudgetSpent: the recorded 429 was final because the run's waiting was spent. */
  rateLimitBudgetSpent?: true;
  /** HttpResponse.truncated: the body crossed --max-body-bytes; the entry keeps only its start. */
  truncated?: BodyTruncation;
  /** HttpResponse.notUtf8: the body's bytes were not UTF-8 (the entry's text has U+FFFD for them). */
  notUtf8?: true;
  /**
   * Exchange.keepAliveIgnored: the recorded answer came only on a fresh connection after the
   * reused one stayed silent to --timeout. Kept so a replay warns of it as the live run did: the
   * answer alone does not show it, and the target's keep-alive was as much the recorded run's
   * finding as any status.
   */
  keepAliveIgnored?: KeepAliveIgnored;
}

/** The most reads a transport could ignore before ending reuse: a larger `after` is no run's. */
const MAX_IGNORED_AFTER = 1000;

/** A path parameter's or a role's name in `_zavu.boundAs`, and how many a case may bind: more is no run's. */
const BOUND_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
const MAX_BOUND = 8;

/** A case the recorded run did not send, and why. */
export interface SkippedCase {
  caseId: string;
  scenario: string;
  reason: string;
}

/** `log._zavu`. */
export interface ZavuLogFields {
  target: string;
  recordedAt: string;
  skipped: SkippedCase[];
  /**
   * The cases the recorded run sent, by id: a replay requires an exchange of each, so an entry lost
   * from the file (an edit, a bad merge) is an error, not a case left out in silence. Absent in
   * recordings made before it was written: their replay checks each scenario as a whole.
   */
  sent?: string[];
  /**
   * --repeat of the recorded run, when above 1: each request then has up to this many entries, its
   * attempts in order (a write runs once). Absent, a recording holds one exchange of each request,
   * and a second is a copy (a hand edit, two recordings merged) that a replay refuses.
   */
  repeat?: number;
  /**
   * The contract the recorded answers were judged by when recorded: the spec's identity and the
   * fingerprint of each operation the file's cases sent to (src/registry/contract-digest.ts). A
   * replay judges them by today's contract and names the operations whose fingerprint changed.
   * Absent in recordings made before it was written: their replay cannot tell, and says nothing.
   */
  contract?: RecordedContract;
  /**
   * The target lost mid-run (the guard's sentence, and the request it went down on): a replay says
   * it once at the top, as the live run did, over the cases whose requests it held back (each
   * `_zavu.notSent`, saying TARGET_LOST_NOTE). Absent when the target was not lost, and in
   * recordings made before it was written.
   */
  targetLost?: RecordedLoss;
  /**
   * The cases the recorded run stopped (Jest's timeout for one ran out, or an error nothing awaited
   * failed its test), each with why: the live run reported each as an error saying so, whatever it
   * had got to, and a replay, which runs into no timeout, could not tell it from the entries (a case
   * stopped while its only request was on the wire has a whole answer recorded). Absent when none
   * of the file's sent cases was, and in recordings made before it was written, whose replay judges
   * what was recorded.
   */
  stopped?: StoppedCase[];
  /**
   * Whether the recorded run had the other project's key (ZAVU_OTHER_PROJECT_API_KEY), and so
   * planned the reads and starts that go with it: a case held back before its first request with
   * it (the target lost) has no entry that shows the key, and its replay would plan it as a run
   * without the key does (skipped) where the live run reported it not sent. Kept per file: absent
   * when the run had none, when none of this file's cases was planned with a request of it
   * (finish-recording.ts), and in recordings made before it was written, whose replay goes by the
   * entries alone.
   */
  otherProjectKey?: true;
  /**
   * The run's configured fixtures (bind-fixtures.ts configuredRoles), role → sender ids, of the ids
   * this file's entries' paths hold (finish-recording.ts fixturesOfFile): a replay reads a 404 to
   * one as the live run did, by the variable the role names today ("ZAVU_SENDER_NO_WABA …: check the
   * id", "these credentials were not refused"), and the other project's as that project's, never by
   * the replaying machine's variables. Absent for the embedded server (its senders are seeded, no one
   * configured them), when none of the file's ids was configured, and in recordings made before it
   * was written, whose replay reads such a 404 as a run without the variables does.
   */
  fixtures?: Record<string, string[]>;
  /**
   * The recorded run reached its https:// target with NODE_TLS_REJECT_UNAUTHORIZED=0: Node verified
   * no certificate, so the answers may not be the target's. A replay says so (a note, and
   * runInfo.tlsUnverified for the certificate), as the recorded run did. Absent otherwise.
   */
  tlsUnverified?: true;
  /**
   * The recorded run was a write run (runInfo.allowWrites: --allow-writes, or the embedded reference
   * server): its write cases went out, so its replay is of that kind (a baseline's, a history
   * series'), whatever flags the replay is given. Absent on a read-only run's recording, and in
   * recordings made before it was written, which read as before (read-only, save the embedded
   * server's: model/result.ts ranWrites).
   */
  allowWrites?: true;
}

/** Why the recorded run stopped a case: its timeout, or an error nothing awaited (runner/timed-out.ts). */
export type StopCause = 'timeout' | 'stray-error';

/** One entry of `log._zavu.stopped`. */
export interface StoppedCase {
  caseId: string;
  why: StopCause;
}

/** `log._zavu.targetLost`. */
export interface RecordedLoss {
  why: string;
  at?: string;
}

/**
 * Longer than the guard's sentence of a loss is written (recordedLoss cuts it here: the sentence
 * quotes the target whole, and a base URL has no bound of its own; the report shows 1000 of it):
 * a longer one is no run's, and would reach every report.
 */
const MAX_LOSS_CHARS = 2000;

/**
 * Longer than the request a loss names (`at`: a method, the suspect's path and exchange id each cut
 * to 200). It is the report's bound too (conformance-report.schema.json's TargetLost.at): read past
 * it, a hand edit met the report's schema gate after the whole replay, as a bug of the suite.
 */
const MAX_LOSS_AT_CHARS = 1000;

/**
 * The loss as a recording keeps it: each field cut to what readLoss reads back (the report cuts the
 * sentence shorter still), so no run writes a recording a replay refuses. Cut after the guard
 * redacted the keys out of it, as every report cuts it.
 */
export function recordedLoss(loss: RecordedLoss): RecordedLoss {
  return { why: truncate(loss.why, MAX_LOSS_CHARS), ...(loss.at !== undefined ? { at: truncate(loss.at, MAX_LOSS_AT_CHARS) } : {}) };
}

/** `log._zavu.contract`. */
export interface RecordedContract {
  specTitle: string;
  specVersion: string;
  /** sha256 of the spec file's bytes. */
  specSha256: string;
  /** operationId → sha256 of its judged contract. */
  operations: Record<string, string>;
}

/**
 * More case ids than any run sends (a recording of a shipped operation holds under 50; --fuzz-runs
 * adds inputs within a case, not cases): a longer log._zavu.sent is no run's, and each id of it
 * would be checked, copied and looked up against the plan of the replay.
 */
const MAX_SENT = 100_000;

/** A case is sent or skipped: no run skips more cases than one could send. */
const MAX_SKIPPED = MAX_SENT;

/**
 * Longer than any case id a run writes: `<operationId>/<scenario id>`, then `[<sender id>]` for each
 * path parameter bound to several senders (at most 8, as _zavu.boundAs) of at most 1024 characters
 * each (the registry's MAX_FIXTURE_ID_LENGTH), about 8.3k in all. A longer id (an entry's
 * _zavu.caseId or scenario, one of log._zavu.sent or log._zavu.skipped) is no run's, and would be
 * copied into every console line and report of the replay.
 */
const MAX_CASE_ID_LENGTH = 16_384;

/*
 * What no case id holds: C0 and DEL, which a run refuses in a configured sender id
 * (bind-fixtures.ts) and the suite's operation and scenario ids never have. One in a recording was
 * put there by hand or by another tool, and would reach every console line and report of the
 * replay (an escape sequence moving a terminal's cursor, a line break starting a CI workflow
 * command). A bidi override or a zero-width character a sender id may hold is kept: the outputs escape it.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CASE_ID_CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why `text` (at `where`) is no run's, or undefined: longer than `max` (what no run writes longer
 * than, as `longerThan`), or holding a control character (`noneHolds`: what has none). Its length is
 * said before anything of it is looked at, and only the one character is quoted (escaped): a
 * megabyte value costs one line.
 */
function boundedProblem(text: string, where: string, max: number, longerThan: string, noneHolds: string): string | undefined {
  if (text.length > max) return `${where} is ${text.length} characters, longer than ${longerThan} (at most ${max}): not a recording this suite wrote`;
  const control = CASE_ID_CONTROL.exec(text);
  if (control !== null) return `${where} holds a control character (${escapeControl(control[0])} at offset ${control.index}), which ${noneHolds} holds: not a recording this suite wrote`;
  return undefined;
}

/** Why `id` (a case id or a scenario id, at `where`) is no run's, or undefined. */
function caseIdProblem(id: string, where: string): string | undefined {
  return boundedProblem(id, where, MAX_CASE_ID_LENGTH, 'any case id', 'no case id');
}

/**
 * Longer than any path a run sends (`_zavu.path`): the operation's template, with each path
 * parameter's value percent-encoded, a sender id of at most 1024 characters (MAX_FIXTURE_ID_LENGTH;
 * at most 9 characters each encoded, "%E4%B8%AD") under 10k; the negative property's longer ids
 * are generated again from their seed, never recorded. A path over 16 KB is past the request-line
 * and header limits of common servers (Node's, nginx's) too. A longer one was put there by hand
 * or by another tool, and a replay would copy it into every report of the case.
 */
const MAX_PATH_LENGTH = 16_384;

/**
 * Longer than any transport error's message a run records (`_zavu.error.message`): Node's or
 * OpenSSL's line with its code, or the suite's own sentence quoting at most an 80-character excerpt
 * of the target's words. The checks quote it cut (an excerpt); the report keeps the exchange whole.
 */
const MAX_ERROR_MESSAGE_LENGTH = 16_384;

/**
 * A transport error's message as today's recorder writes it: layout's whitespace runs as one space
 * (a suite before classify-error.ts made it one line wrote OpenSSL's as it came, ending in a line
 * break) and any other control character escaped. Kept rather than refused: the message is only
 * shown. Only layout's (oneLine): U+2028 or U+00A0 folded into a plain space would be shown as one.
 */
function inertMessage(message: string): string {
  return escapeControl(oneLine(message));
}

/**
 * The most characters of a skip reason a replay carries ("skipped when recorded: …"): more than any
 * reason a run writes (a sentence that may quote a sender id). A longer one, edited in, is cut
 * rather than refused: the reason is only shown, and its start says what it is.
 */
const MAX_SKIP_REASON_CHARS = 2000;

/** The most --repeat allows (run-config.ts): a larger log._zavu.repeat is no run's. */
const MAX_REPEAT = 1000;

export type ZavuEntry = Entry & { _zavu: ZavuEntryFields };

/** HAR's Log has no room for custom fields in its type, though the format allows them. */
export interface ZavuLog extends Log {
  entries: ZavuEntry[];
  _zavu: ZavuLogFields;
}

export interface ZavuHar extends Har {
  log: ZavuLog;
}

// Written as records so the compiler fails here when the model gains a variant or a kind.
const authVariantSet: Record<AuthVariant, true> = {
  valid: true, none: true, 'wrong-key': true, 'empty-bearer': true, 'no-scheme': true, basic: true, 'lowercase-bearer': true,
  'extra-spaces': true, 'long-token': true, 'control-chars': true, 'key-then-word': true, 'wrong-checksum': true,
  'token-scheme': true, 'apikey-scheme': true, 'bearer-no-space': true, 'case-changed': true, appended: true,
  prepended: true, 'other-environment': true, 'property-name': true, truncated: true, 'other-project-key': true,
};
const errorKindSet: Record<TransportErrorKind, true> = { timeout: true, 'connection-refused': true, dns: true, tls: true, reset: true, other: true };
const authVariants = Object.keys(authVariantSet) as AuthVariant[];
const errorKinds = Object.keys(errorKindSet) as TransportErrorKind[];

/** The first string field in `names` that is not a string, as "_zavu.<name>". */
function missingString(value: Record<string, unknown>, names: readonly string[], where: string): string | undefined {
  const bad = names.find((name) => typeof value[name] !== 'string');
  return bad === undefined ? undefined : `${where}.${bad} is missing or not a string`;
}

/** Reads `entry._zavu`; returns what is wrong with it as a string instead of throwing. */
export function readEntryFields(value: unknown): ZavuEntryFields | string {
  if (!isRecord(value)) return '_zavu is missing: not recorded by zavu-conformance';
  const missing = missingString(value, ['caseId', 'scenario', 'authVariant', 'path'], '_zavu');
  if (missing !== undefined) return missing;
  // The ids go into every console line and report of the replay, and into its errors (a copy "records … again").
  const badId = caseIdProblem(value['caseId'] as string, '_zavu.caseId') ?? caseIdProblem(value['scenario'] as string, '_zavu.scenario');
  if (badId !== undefined) return badId;
  // The path a replay matches the planned request by, kept in the report's observation of the case:
  // percent-encoded by the run (path-segment.ts), so a control character in it is no run's.
  const badPath = boundedProblem(value['path'] as string, '_zavu.path', MAX_PATH_LENGTH, 'any path a run sends', 'no path a run sends');
  if (badPath !== undefined) return badPath;
  if (!authVariants.includes(value['authVariant'] as AuthVariant)) {
    // Quoted bounded and escaped: the value is the file's, and may be megabytes of anything.
    return `_zavu.authVariant is ${describeValue(value['authVariant'], 80)}, expected one of ${authVariants.join(', ')}`;
  }
  const fields: ZavuEntryFields = {
    caseId: value['caseId'] as string,
    scenario: value['scenario'] as string,
    authVariant: value['authVariant'] as AuthVariant,
    path: value['path'] as string,
  };
  const boundAs = value['boundAs'];
  if (boundAs !== undefined) {
    // Names only (a role, a parameter): a file someone may have edited carries nothing else into a report.
    const name = (text: unknown): boolean => typeof text === 'string' && BOUND_NAME.test(text);
    const valid = isRecord(boundAs) && Object.keys(boundAs).length <= MAX_BOUND && Object.entries(boundAs).every(([parameter, role]) => name(parameter) && name(role));
    if (!valid) return `_zavu.boundAs must be {<path parameter>: <role>}, at most ${MAX_BOUND}, each a name of letters and digits (up to 64)`;
    fields.boundAs = { ...(boundAs as Record<string, string>) };
  }
  const error = value['error'];
  if (error !== undefined) {
    if (!isRecord(error) || typeof error['message'] !== 'string' || !errorKinds.includes(error['kind'] as TransportErrorKind)) {
      return `_zavu.error must be {kind: ${errorKinds.join('|')}, message: string}`;
    }
    const message = error['message'] as string;
    if (message.length > MAX_ERROR_MESSAGE_LENGTH) return `_zavu.error.message is ${message.length} characters, longer than any transport error message (at most ${MAX_ERROR_MESSAGE_LENGTH}): not a recording this suite wrote`;
    // A status line's number, and only a timeout's (the head came, the rest did not): no other error had a head.
    // The answer's head, so final: a 1xx is interim (Node reads it as 'information', never the
    // response), and any three digits above are read (a live 799 must replay, as response.status does).
    const headStatus = error['headStatus'];
    if (headStatus !== undefined && (error['kind'] !== 'timeout' || typeof headStatus !== 'number' || !Number.isInteger(headStatus) || headStatus < 200 || headStatus > 999)) {
      return '_zavu.error.headStatus must be a final HTTP status (200 to 999), of a timeout only';
    }
    fields.error = { kind: error['kind'] as TransportErrorKind, message: inertMessage(message), ...(headStatus !== undefined ? { headStatus: headStatus as number } : {}) };
  }
  const notSent = value['notSent'];
  if (notSent !== undefined) {
    // Why it was not sent is the case's error message in every report: a mark without it is no run's.
    if (notSent !== true || fields.error === undefined) return '_zavu.notSent must be true when present, with _zavu.error saying why the request was not sent';
    fields.notSent = true;
  }
  const retries = value['retries'];
  if (retries !== undefined) {
    const valid = Array.isArray(retries) && retries.every((r) => isRecord(r) && typeof r['status'] === 'number' && typeof r['waitedMs'] === 'number' && (r['retryAfter'] === undefined || r['retryAfter'] === 'missing' || r['retryAfter'] === 'unreadable') && (r['stopped'] === undefined || r['stopped'] === true));
    if (!valid) return "_zavu.retries must be a list of {status: number, waitedMs: number, retryAfter?: 'missing' | 'unreadable', stopped?: true}";
    fields.retries = (retries as Record<string, unknown>[]).map((r) => ({
      status: r['status'] as number,
      waitedMs: r['waitedMs'] as number,
      ...(r['retryAfter'] === 'missing' || r['retryAfter'] === 'unreadable' ? { retryAfter: r['retryAfter'] } : {}),
      ...(r['stopped'] === true ? { stopped: true as const } : {}),
    }));
  }
  const spent = value['rateLimitBudgetSpent'];
  if (spent !== undefined) {
    if (spent !== true) return '_zavu.rateLimitBudgetSpent must be true when present';
    fields.rateLimitBudgetSpent = true;
  }
  const notUtf8 = value['notUtf8'];
  if (notUtf8 !== undefined) {
    if (notUtf8 !== true) return '_zavu.notUtf8 must be true when present';
    fields.notUtf8 = true;
  }
  const ignored = value['keepAliveIgnored'];
  if (ignored !== undefined) {
    const plain = isRecord(ignored) && Object.keys(ignored).length === 0;
    const after = isRecord(ignored) ? ignored['after'] : undefined;
    const ended = isRecord(ignored) && ignored['endedReuse'] === true && Number.isInteger(after) && (after as number) >= 1 && (after as number) <= MAX_IGNORED_AFTER && Object.keys(ignored).length === 2;
    if (!plain && !ended) return `_zavu.keepAliveIgnored must be {} or {endedReuse: true, after: a whole number from 1 to ${MAX_IGNORED_AFTER}}`;
    fields.keepAliveIgnored = ended ? { endedReuse: true, after: after as number } : {};
  }
  const truncated = value['truncated'];
  if (truncated !== undefined) {
    const valid = isRecord(truncated) && typeof truncated['limitBytes'] === 'number' && typeof truncated['receivedBytes'] === 'number' && (truncated['crossed'] === 'received' || truncated['crossed'] === 'decoded');
    if (!valid) return "_zavu.truncated must be {limitBytes: number, receivedBytes: number, crossed: 'received'|'decoded'}";
    fields.truncated = { limitBytes: truncated['limitBytes'] as number, receivedBytes: truncated['receivedBytes'] as number, crossed: truncated['crossed'] as BodyTruncation['crossed'] };
  }
  return fields;
}

/** Reads `log._zavu`; returns what is wrong with it as a string instead of throwing. */
export function readLogFields(value: unknown): ZavuLogFields | string {
  if (!isRecord(value)) return 'log._zavu is missing: not recorded by zavu-conformance';
  const missing = missingString(value, ['target', 'recordedAt'], 'log._zavu');
  if (missing !== undefined) return missing;
  const skipped = value['skipped'];
  if (!Array.isArray(skipped)) return 'log._zavu.skipped is missing or not an array';
  // Counted before each case is looked at, as log._zavu.sent: a hand-made list of millions costs its length alone.
  if (skipped.length > MAX_SKIPPED) return `log._zavu.skipped holds ${skipped.length} cases, more than any run skips (at most ${MAX_SKIPPED}): not a recording this suite wrote`;
  for (const [index, item] of skipped.entries()) {
    const where = `log._zavu.skipped[${index}]`;
    const bad = isRecord(item) ? missingString(item, ['caseId', 'scenario', 'reason'], where) : `${where} is not an object`;
    if (bad !== undefined) return bad;
    const badId = caseIdProblem((item as Record<string, string>)['caseId'] ?? '', `${where}.caseId`) ?? caseIdProblem((item as Record<string, string>)['scenario'] ?? '', `${where}.scenario`);
    if (badId !== undefined) return badId;
  }
  // Copied field by field so unknown extras in a hand-edited file do not travel further; a reason cut
  // to an excerpt (escaped too: a reason the suite writes holds no control character to lose).
  const cases = (skipped as Record<string, string>[]).map((s) => ({ caseId: s['caseId'] ?? '', scenario: s['scenario'] ?? '', reason: excerpt(s['reason'] ?? '', MAX_SKIP_REASON_CHARS) }));
  const sent = value['sent'];
  if (sent !== undefined && !Array.isArray(sent)) return 'log._zavu.sent must be an array of case ids';
  // Counted before each id is looked at: a hand-made list of millions is refused at the cost of its length alone.
  if (Array.isArray(sent) && sent.length > MAX_SENT) return `log._zavu.sent holds ${sent.length} case ids, more than any run sends (at most ${MAX_SENT}): not a recording this suite wrote`;
  if (Array.isArray(sent) && !sent.every((id) => typeof id === 'string')) return 'log._zavu.sent must be an array of case ids';
  // Each as an entry's caseId: a replay names a sent case it has no exchange of, in its error line and NOT RUN summary.
  for (const [index, id] of (Array.isArray(sent) ? (sent as string[]) : []).entries()) {
    const badId = caseIdProblem(id, `log._zavu.sent[${index}]`);
    if (badId !== undefined) return badId;
  }
  const repeat = value['repeat'];
  if (repeat !== undefined && !(Number.isInteger(repeat) && (repeat as number) >= 1 && (repeat as number) <= MAX_REPEAT)) return `log._zavu.repeat must be a whole number from 1 to ${MAX_REPEAT} (the --repeat it was recorded with)`;
  const contract = value['contract'] === undefined ? undefined : readContract(value['contract']);
  if (typeof contract === 'string') return contract;
  const targetLost = value['targetLost'] === undefined ? undefined : readLoss(value['targetLost']);
  if (typeof targetLost === 'string') return targetLost;
  const stopped = value['stopped'] === undefined ? undefined : readStopped(value['stopped']);
  if (typeof stopped === 'string') return stopped;
  // A run keeps the stops of the cases it sent (finish-recording.ts): one named elsewhere (a case
  // skipped when recorded, one never recorded) would make that case's replay say "timed out".
  const sentIds = new Set(Array.isArray(sent) ? (sent as string[]) : []);
  const stray = (stopped ?? []).findIndex((stop) => !sentIds.has(stop.caseId));
  if (stray >= 0) return `log._zavu.stopped[${stray}].caseId is not among log._zavu.sent, and a run keeps the stops of the cases it sent only: not a recording this suite wrote`;
  const otherProjectKey = value['otherProjectKey'];
  if (otherProjectKey !== undefined && otherProjectKey !== true) return 'log._zavu.otherProjectKey must be true when present (the recorded run had the other project\'s key)';
  const fixtures = value['fixtures'] === undefined ? undefined : readFixtures(value['fixtures']);
  if (typeof fixtures === 'string') return fixtures;
  const tlsUnverified = value['tlsUnverified'];
  if (tlsUnverified !== undefined && tlsUnverified !== true) return 'log._zavu.tlsUnverified must be true when present (the recorded run verified no TLS certificate)';
  const allowWrites = value['allowWrites'];
  if (allowWrites !== undefined && allowWrites !== true) return 'log._zavu.allowWrites must be true when present (the recorded run was a write run)';
  return {
    target: value['target'] as string,
    recordedAt: value['recordedAt'] as string,
    skipped: cases,
    ...(sent !== undefined ? { sent: [...(sent as string[])] } : {}),
    ...(repeat !== undefined ? { repeat: repeat as number } : {}),
    ...(contract !== undefined ? { contract } : {}),
    ...(targetLost !== undefined ? { targetLost } : {}),
    ...(stopped !== undefined ? { stopped } : {}),
    ...(otherProjectKey === true ? { otherProjectKey: true as const } : {}),
    ...(fixtures !== undefined ? { fixtures } : {}),
    ...(tlsUnverified === true ? { tlsUnverified: true as const } : {}),
    ...writesField(allowWrites === true),
  };
}

/** More roles than any registry of this suite has: a longer map is no run's. */
const MAX_FIXTURE_ROLES = 64;

/** The longest sender id a run takes (bind-fixtures.ts MAX_FIXTURE_ID_LENGTH): a longer one is no run's. */
const MAX_FIXTURE_VALUE_LENGTH = 1024;

/**
 * Reads `log._zavu.fixtures`, copied into a null-prototype map; what is wrong with it as a string.
 * A role is a name (as in `_zavu.boundAs`), a sender id one a run takes (bounded, no control
 * character: bind-fixtures.ts refuses those), and the ids no more than a run sends cases of: what a
 * replay shows of one is an id its own paths hold, escaped by the story that names it.
 */
function readFixtures(value: unknown): Record<string, string[]> | string {
  const shape = `log._zavu.fixtures must be {<role>: [<sender id>, …]}, at most ${MAX_FIXTURE_ROLES} roles, each a name of letters and digits (up to 64), each id a string of at most ${MAX_FIXTURE_VALUE_LENGTH} characters`;
  if (!isRecord(value)) return shape;
  const pairs = Object.entries(value);
  if (pairs.length > MAX_FIXTURE_ROLES) return shape;
  let count = 0;
  const copied = Object.create(null) as Record<string, string[]>;
  for (const [role, ids] of pairs) {
    if (!BOUND_NAME.test(role) || !Array.isArray(ids)) return shape;
    // Counted before each id is looked at, as log._zavu.sent: no run configures more ids than it sends cases.
    count += ids.length;
    if (count > MAX_SENT) return `log._zavu.fixtures holds more than ${MAX_SENT} sender ids, more than any run sends cases of: not a recording this suite wrote`;
    for (const [index, id] of (ids as unknown[]).entries()) {
      if (typeof id !== 'string') return shape;
      if (id === '') return `log._zavu.fixtures.${role}[${index}] is empty, which no configured sender id is: not a recording this suite wrote`;
      const bad = boundedProblem(id, `log._zavu.fixtures.${role}[${index}]`, MAX_FIXTURE_VALUE_LENGTH, 'any sender id a run takes', 'no sender id a run takes');
      if (bad !== undefined) return bad;
    }
    copied[role] = [...(ids as string[])];
  }
  return copied;
}

/** Reads `log._zavu.stopped`, copied field by field; what is wrong with it as a string. */
function readStopped(value: unknown): StoppedCase[] | string {
  const shape = 'log._zavu.stopped must be an array of {caseId: string, why: "timeout" or "stray-error"}';
  if (!Array.isArray(value)) return shape;
  // Counted before each case is looked at, as log._zavu.sent: no run stops more cases than it sends.
  if (value.length > MAX_SENT) return `log._zavu.stopped holds ${value.length} cases, more than any run sends (at most ${MAX_SENT}): not a recording this suite wrote`;
  const stopped: StoppedCase[] = [];
  for (const [index, item] of value.entries()) {
    if (!isRecord(item) || typeof item['caseId'] !== 'string' || (item['why'] !== 'timeout' && item['why'] !== 'stray-error')) return `${shape} (at log._zavu.stopped[${index}])`;
    const badId = caseIdProblem(item['caseId'], `log._zavu.stopped[${index}].caseId`);
    if (badId !== undefined) return badId;
    stopped.push({ caseId: item['caseId'], why: item['why'] });
  }
  return stopped;
}

/** Reads `log._zavu.targetLost`, copied field by field; what is wrong with it as a string. */
function readLoss(value: unknown): RecordedLoss | string {
  if (!isRecord(value) || typeof value['why'] !== 'string' || (value['at'] !== undefined && typeof value['at'] !== 'string')) return 'log._zavu.targetLost must be {why: string, at?: string}';
  const { why, at } = value as { why: string; at?: string };
  // Empty, either reads as nothing in every report, and the report's schema refuses it (minLength 1).
  const empty = why === '' ? 'why' : at === '' ? 'at' : undefined;
  if (empty !== undefined) return `log._zavu.targetLost.${empty} is empty, which no loss is: not a recording this suite wrote`;
  const bad = boundedProblem(why, 'log._zavu.targetLost.why', MAX_LOSS_CHARS, 'the sentence of a target lost', 'no such sentence') ?? (at === undefined ? undefined : boundedProblem(at, 'log._zavu.targetLost.at', MAX_LOSS_AT_CHARS, 'a request named', 'no request named'));
  if (bad !== undefined) return bad;
  return { why, ...(at !== undefined ? { at } : {}) };
}

/** More operations than any spec this suite certifies: a longer map is no run's, and would only cost. */
const MAX_CONTRACT_OPERATIONS = 1000;

/** Reads `log._zavu.contract`, copied field by field; what is wrong with it as a string. */
function readContract(value: unknown): RecordedContract | string {
  const shape = 'log._zavu.contract must be {specTitle, specVersion: strings, specSha256: a sha256 in hex, operations: {operationId: a sha256 in hex}}';
  if (!isRecord(value)) return shape;
  const { specTitle, specVersion, specSha256, operations } = value;
  if (typeof specTitle !== 'string' || typeof specVersion !== 'string' || typeof specSha256 !== 'string' || !SHA256_HEX.test(specSha256) || !isRecord(operations)) return shape;
  const pairs = Object.entries(operations);
  if (pairs.length > MAX_CONTRACT_OPERATIONS || !pairs.every(([, digest]) => typeof digest === 'string' && SHA256_HEX.test(digest))) return shape;
  // A null-prototype map: an operationId such as "__proto__" is a key like any other.
  const copied: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [id, digest] of pairs) copied[id] = digest as string;
  return { specTitle, specVersion, specSha256, operations: copied };
}
