/**
 * The verdict on the answers to one start sent several times at once (a concurrent step), as a set:
 * each answer is judged by every check on its own, but a check-then-act race (read "in flight?",
 * call out, then write "pending") answers every copy 202, each a conformant answer by itself. Only
 * the count tells: a part startable before the copies were sent is started by exactly one of them,
 * and the others are refused as in progress (rule in-flight-not-startable). A pure function, like
 * every check: the answers in, the violations out.
 */
import type { Violation } from '../model';
import { isRecord } from '../openapi/is-record';

/** The check id reports name the race by. */
export const CONCURRENT_STARTS_CHECK = 'concurrent-starts';

/**
 * One copy's answer: its status (undefined when none came back) and its parsed JSON body.
 * `unjudged`: an answer not the operation's to judge (a limiter's final 429, unjudgedAnswer).
 */
export interface ConcurrentAnswer {
  status?: number;
  body?: unknown;
  /** The body as received, to tell 202s that are byte for byte the same (one answer fanned out?). */
  bodyText?: string;
  unjudged?: true;
}

/** A refusal the operation itself gave: a 4xx the checks judge (not a limiter's 429, not a 5xx or no answer). */
const refusal = (a: ConcurrentAnswer): boolean => a.unjudged !== true && a.status !== undefined && a.status >= 400 && a.status < 500;

/**
 * Whether a 202 shows the part at rest and startable again (completed, canSync true): a sandbox
 * with nothing to import and no limit completes a start at once, and then a second start, however
 * close behind, may be accepted as a new one. Two such 202s do not show a race.
 */
function showsStartableAgain(body: unknown, part: string): boolean {
  const sync = isRecord(body) && isRecord(body['sync']) ? body['sync'] : undefined;
  const state = sync !== undefined && isRecord(sync[part]) ? sync[part] : undefined;
  return state !== undefined && state['canSync'] === true && state['status'] !== 'pending' && state['status'] !== 'syncing';
}

/**
 * What to do about a race: a copy refused shows the server has the in_progress refusal, so only its
 * timing can have let the others past. Without its article: a sentence of its own starts "A", and
 * the advice inside another "a".
 */
const RACING_SERVER = `server that reads "in flight?" and later writes "pending", with an await between (a call to Meta, a second query), lets every copy past the check: make the check and the write one atomic step (a conditional UPDATE … WHERE status NOT IN ('pending','syncing'), a lock, a unique in-flight row)`;

/**
 * @param part      the part the start names ("history", "contacts")
 * @param answers   every copy's answer, in the order of the copies
 * @param predicted the status predicted from the read before the copies were sent: 202 (startable)
 *                  asks for exactly one 202; anything else is judged per answer alone
 * @param readAfter the body of the read sent right after the copies, once it is known (several
 *                  202s are judged again with it): showing the part at rest and startable again, it
 *                  explains them as a 202 with its body does
 */
export function judgeConcurrentStarts(part: string, answers: readonly ConcurrentAnswer[], predicted: number, readAfter?: unknown): Violation[] {
  if (predicted !== 202) return [];
  const statuses = answers.map((a) => (a.status === undefined ? 'no answer' : String(a.status)));
  const accepted = answers.filter((a) => a.status === 202);
  const n = answers.length;
  const list = statuses.join(', ');
  if (accepted.length === 1) return [];
  if (accepted.length === 0) {
    // Each refusal is judged on its own too (expected 400 there): this names what the set lacks.
    // Only when every copy was refused by the operation: a copy unanswered, failed (5xx) or held by
    // a limiter (429 not judged) may be the one that started the part, its own checks say what it
    // lacks, and "all refused (500, 400)" would blame the others for a server error.
    if (!answers.every(refusal)) return [];
    return [
      {
        check: CONCURRENT_STARTS_CHECK,
        severity: 'error',
        title: `none of ${n} concurrent starts of ${part} was accepted`,
        message: `${n} concurrent starts of ${part} were all refused (${list}): the ${part} sync was startable when read just before, so one of them must be accepted (202) and the others refused 400 in_progress (or rate_limit)`,
        instancePath: '',
      },
    ];
  }
  // No copy refused (every one accepted, or the rest unanswered): nothing shows the server refuses a
  // start in flight at all, and a server without that refusal answers as a racing one does; only
  // a lone start in flight (start-syncable's start-again, another case) tells which, so both are said.
  // A sandbox that completed the first start at once may rightly accept the next as a new one: no
  // race is shown, and a conformant server must draw no finding (not even a warning).
  if (accepted.some((a) => showsStartableAgain(a.body, part))) return [];
  // Its 202 may show the part pending, as accepted (the contract's example does), and the job, with
  // nothing to import, complete right after it: the next copy then meets a completed part and is a
  // new start. No answer tells that from a race, but the read after does: the part at rest and
  // startable again there is what such a sandbox shows, and a race on it would show the same (the
  // race cannot be exercised there, as on a part not startable before). In flight, or at its limit
  // (canSync false), the read after explains nothing: the race.
  if (readAfter !== undefined && showsStartableAgain(readAfter, part)) return [];
  // "2 … were both accepted", "all 3 …", "2 of 3 …": "both" only when both of two were.
  // 202s byte for byte the same (the same requestedAt) may be one answer given to every copy (a
  // proxy that merged identical requests): "N syncs were started" would then overstate. The copies
  // were still each answered as accepted, which the contract refuses, so the finding stands.
  const first = accepted[0]?.bodyText;
  const identical = first !== undefined && accepted.every((a) => a.bodyText === first);
  const started = identical ? ` (the 202s are identical: the server may have merged them into one sync, yet it answered each copy as accepted, where all but one must be refused).` : `; ${accepted.length} syncs were started.`;
  const advice = answers.some(refusal) ? `A ${RACING_SERVER}` : `No copy was refused in_progress: a server that never refuses a start in flight answers so too, which the start-syncable case (its start-again step) tells, a start sent alone while the part is in flight: accepted there as well, give such a start its 400 in_progress first; refused there, the copies raced, and a ${RACING_SERVER}`;
  const which = accepted.length < n ? `${accepted.length} of ${n} concurrent starts of ${part} were accepted` : n === 2 ? `2 concurrent starts of ${part} were both accepted` : `all ${n} concurrent starts of ${part} were accepted`;
  return [
    {
      check: CONCURRENT_STARTS_CHECK,
      severity: 'error',
      title: which,
      message: `${which} (${list}): a start of a part in flight must be refused in_progress 400 (rule in-flight-not-startable), so exactly one may be accepted${started} ${advice}`,
      instancePath: '',
    },
  ];
}
