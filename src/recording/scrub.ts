/**
 * Secrets are scrubbed when a recording is written, and the writer fails closed: `assertNoSecrets`
 * runs on the final text and refuses to let any known form of a secret reach the disk.
 */
import type { Header, QueryString } from 'har-format';
import { mayHold } from '../model/check';
import { RecordingError } from '../model/errors';
import { cutPieces } from './cut-pieces';
import { redactReceivedTokens } from './received-tokens';
import { redactJsonKeys } from './redact-json';
import { allSecretForms, type SecretForm } from './secret-forms';
import { isSensitiveName, redacted, redactedInUrl } from './sensitive-names';
import { queryStringOf, redactSensitivePairsInText, redactSensitiveParamsInText, scrubUrl, stripUserInfoInText } from './scrub-url';

/** Scrubs the parts of an exchange as they go into a HAR entry. */
export interface Scrubber {
  /** Free text (header values, error messages, what a check quoted): every form of every secret becomes "[REDACTED]", URLs lose their user-info and the values of their sensitive parameters (so do `name=value` pairs of a relative URL or a form), and JWTs and values under sensitive names in quoted JSON go (received-tokens). */
  text(value: string): string;
  /** A URL or a path: user-info dropped, sensitive query values and secrets become "%5BREDACTED%5D" (the URL stays valid). */
  url(value: string): string;
  /** The HAR queryString of a URL, from its scrubbed form. */
  queryString(url: string): QueryString[];
  /** HAR headers: credential headers and sensitive names redacted, secrets scrubbed from the rest. */
  headers(headers: Record<string, string>): Header[];
  /** A body: sensitive JSON keys at any depth redacted, then secrets scrubbed from the text. */
  body(text: string): string;
  /**
   * Received text the caller cut at its end to a bound with no "…" to mark it (a recording's glimpse of
   * a body too large to keep), without the head of a secret's form its end may hold: text() finds
   * the cuts marked "…" itself.
   */
  cutEnd(value: string): string;
  /** Throws if any form of a secret is still in `text` (see assertNoSecrets). */
  assertClean(text: string): void;
}

function replaceAll(value: string, forms: readonly SecretForm[], marker: string): string {
  return forms.reduce((text, form) => (mayHold(form, text) ? text.replace(form.pattern, marker) : text), value);
}

/** Throws the RecordingError of assertNoSecrets for the first form found in `text`. */
function assertNoForm(text: string, forms: readonly SecretForm[]): void {
  for (const form of forms) {
    if (!mayHold(form, text)) continue;
    form.pattern.lastIndex = 0;
    if (form.pattern.test(text)) {
      form.pattern.lastIndex = 0;
      throw new RecordingError(`refusing to write the recording: it still contains the API key (${form.label} form)`);
    }
  }
}

/** Headers whose whole value is one URL reference (RFC 9110 §10.2.2, §8.7). */
const urlHeaders = new Set(['location', 'content-location']);

/** A scrubber for the given secret values (the configured API key, typically); empty ones are ignored. */
export function createScrubber(secrets: readonly string[]): Scrubber {
  // Built once: every exchange of a recording run is scrubbed and checked with these.
  const forms = allSecretForms(secrets);
  // The target's own credentials (a JWT, a value under a sensitive name) go before the key's forms
  // are looked for: a key inside a JWT's payload then goes with the payload, whole. A bare pair
  // (`ZAVU_API_KEY=…` typed as an argument, a form body) goes after them: the key's value is then
  // already "[REDACTED]", which a user's own line keeps, not the URL's "%5BREDACTED%5D".
  // What a cut left of a form (its head, before a "…") goes first, while the text is still the one
  // that was cut: the other steps may move or join what stands before the mark.
  const cuts = cutPieces(secrets);
  const whole = (value: string): string => redactSensitivePairsInText(replaceAll(redactReceivedTokens(redactSensitiveParamsInText(stripUserInfoInText(value))), forms, redacted));
  const text = (value: string): string => whole(cuts.atMarks(value));
  const url = (value: string): string => scrubUrl(value, text, (v) => replaceAll(v, forms, redactedInUrl));
  return {
    text,
    url,
    queryString: (value) => queryStringOf(url(value)).map((q) => ({ name: text(q.name), value: text(q.value) })),
    headers: (headers) =>
      // A Location may be relative ("/cb?token=…"), which no search of free text finds: scrubbed as the
      // URL it is, as the entry's redirectURL is, so the two never disagree on what was redacted.
      Object.entries(headers).map(([name, value]) => ({ name: text(name), value: isSensitiveName(name) ? redacted : urlHeaders.has(name.toLowerCase()) ? url(value) : text(value) })),
    // A body is recorded whole (a glimpse's cut goes through cutEnd): a "…" in it is the target's, not a cut of the suite's.
    body: (value) => whole(redactJsonKeys(value)),
    cutEnd: (value) => cuts.atEnd(value),
    assertClean: (value) => assertNoForm(value, forms),
  };
}

/**
 * Throws a RecordingError if any form of any secret occurs in `text`. The message names the form,
 * never the secret: it is printed and may end up in a CI log.
 */
export function assertNoSecrets(text: string, secrets: readonly string[]): void {
  assertNoForm(text, allSecretForms(secrets));
}
