/**
 * Whether a request is one a client of the API sends as it is: the operation's own method, its path
 * as the contract spells it, no query, and a key of the key's own form (the run's, the other
 * project's, an unknown one shaped like them). The rest are spelled to probe (HEAD, OPTIONS, a GET
 * to a start; `/v1/%73enders/…`, a trailing dot, a case-folded path, `?zvc=1`; no credentials, a
 * token of 8 KB, control characters, another scheme), and a front may drop any of them with a
 * reset (nginx's 444, a method allow-list, exact routes, a WAF) while it answers every request a
 * client sends. The target guard counts only these requests' resets toward a lost target
 * (SendOptions.hostile marks the others): the auth rows alone send 15 such requests in a row.
 * The negative property's ids are judged the same way, and by the id too (idOfAClient): a typo of
 * a real id is what a client sends, and a front has no reason to reset it.
 */
import type { AuthVariant, OperationContract } from '../model';
import type { WrittenRequest } from '../model/scenario';

/** Credentials a front cannot tell from a client's without the API's own keys: a bearer key of the key's form. */
const CLIENT_CREDENTIALS: ReadonlySet<AuthVariant> = new Set<AuthVariant>(['valid', 'other-project-key', 'wrong-key']);

export function sentAsAClient(operation: Pick<OperationContract, 'method'>, auth: AuthVariant, written: WrittenRequest): boolean {
  const method = written.method ?? operation.method;
  return method === operation.method && written.pathTemplate === undefined && written.query === undefined && CLIENT_CREDENTIALS.has(auth);
}

/**
 * An id of the length a real one has, in letters, digits, "_" and "-" only: one a client may send
 * as it is (a typo, `snd_coex_activex`; `null`, `-1`), the same on the wire raw or percent-encoded.
 * The rest of the negative property's ids (reserved or odd characters, controls, 1 KB and 8 KB
 * ids, the empty one) look like the probes they are, and a front may reset them.
 */
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a negative input's id is of a client's form (CLIENT_ID): sent with a client's credentials, method and path, its reset counts. */
export function idOfAClient(id: string): boolean {
  return CLIENT_ID.test(id);
}
