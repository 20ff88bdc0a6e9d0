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
 * a real id, of its form, is what a client sends, and a front that passes the API's ids passes it.
 */
import type { AuthVariant, OperationContract } from '../model';
import type { WrittenRequest } from '../model/scenario';

/** Credentials a front cannot tell from a client's without the API's own keys: a bearer key of the key's form. */
const CLIENT_CREDENTIALS: ReadonlySet<AuthVariant> = new Set<AuthVariant>(['valid', 'other-project-key', 'wrong-key']);

export function sentAsAClient(operation: Pick<OperationContract, 'method'>, auth: AuthVariant, written: WrittenRequest): boolean {
  const method = written.method ?? operation.method;
  return method === operation.method && written.pathTemplate === undefined && written.query === undefined && CLIENT_CREDENTIALS.has(auth);
}

/** The kinds of character a sender's rest may have, as a bracket expression's parts. */
const CLASSES: readonly string[] = ['a-z', 'A-Z', '0-9', '_', '\\-'];

type IdForm = { prefix: string; rest: RegExp } | undefined;

/** Each fixture's form, made once: idOfAClient is asked of every id a negative case sends (370 of them), each against every fixture. */
const forms = new Map<string, IdForm>();

/** A sender's form: its type prefix (`snd_`) and the classes its rest is written in; none for an id with no such prefix. */
function formOf(fixture: string): IdForm {
  if (forms.has(fixture)) return forms.get(fixture);
  const form = formOfFixture(fixture);
  forms.set(fixture, form);
  return form;
}

function formOfFixture(fixture: string): IdForm {
  const prefix = /^[A-Za-z]+_/.exec(fixture)?.[0];
  if (prefix === undefined) return undefined;
  const rest = fixture.slice(prefix.length);
  const used = CLASSES.filter((c) => new RegExp(`[${c}]`).test(rest));
  return used.length === 0 ? undefined : { prefix, rest: new RegExp(`^[${used.join('')}]+$`) };
}

/**
 * An id of a real one's own form: a configured sender's type prefix (`snd_`), then at least one
 * character, each of a class the sender's rest has (lower-case letters, upper-case, digits, `_`,
 * `-`), 64 at most: a typo a client sends as it is (`snd_coex_activex`), and one a front with the
 * API's id shape in its exact routes (nginx `location ~ ^/v1/senders/snd_[a-z0-9_]+/`, 444 for the
 * rest) passes on. Any other id may be reset by such a front of a conformant API: `null`,
 * `undefined`, `NaN`, `-1`, `0` and `__proto__` go one after another in the fixed list, and
 * counted they made it TARGET LOST. The rest (reserved or odd characters, controls, 1 KB and 8 KB
 * ids, the empty one) look like the probes they are.
 *
 * Sent with a client's credentials, method and path, such an id's reset counts toward a lost target.
 */
export function idOfAClient(id: string, fixtures: readonly string[]): boolean {
  if (id.length > 64) return false;
  return fixtures.some((fixture) => {
    const form = formOf(fixture);
    return form !== undefined && id.startsWith(form.prefix) && form.rest.test(id.slice(form.prefix.length));
  });
}
