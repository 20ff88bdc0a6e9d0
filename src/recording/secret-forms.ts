/**
 * The shapes a secret takes on the wire or on disk, as regular expressions. A key rarely appears only
 * verbatim: Basic auth base64-encodes "key:", URLs percent-encode it, JSON escapes it. Scrubbing and
 * the final leak check both use this one list, so what is scrubbed is exactly what is checked.
 */
import { swapCase } from '../model/http';

/** One recognisable form of a secret; `label` names the form in errors without showing the secret. */
export interface SecretForm {
  label: string;
  pattern: RegExp;
}

/** `text` as a regular expression that matches it literally. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Base64 alphabet (standard and URL-safe), for eating the rest of an encoded token. */
const base64Tail = '[A-Za-z0-9+/_-]*=*';

/** Shorter base64 cores than this match too much unrelated text to be worth a pattern. */
const minCoreLength = 4;

/**
 * The part of base64(prefix + secret) that depends on the secret alone, for a prefix of 0, 1 or 2
 * bytes. Any base64 text that encodes the secret (alone, as "key:", as "user:key", inside a longer
 * blob) contains one of these three cores, whatever bytes come before or after it.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = Math.ceil((offset * 8) / 6);
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= minCoreLength) cores.push(core);
  }
  return cores;
}

/** Percent-encoded form; hex digits match in either case, as both are valid and seen in the wild. */
function percentPattern(encoded: string): string {
  return escapeRegex(encoded).replace(/%([0-9A-F])([0-9A-F])/g, (_m, a: string, b: string) => `%[${a}${a.toLowerCase()}][${b}${b.toLowerCase()}]`);
}

/**
 * Long pieces of the secret. Several auth cases send tokens derived from the key (its last characters
 * changed or cut off, characters appended, a tab after its prefix, its letters' case swapped); a server that echoes one would leak most of the key, which no
 * exact form catches. Any run of at least half the key (16 characters at least) counts, and the match
 * runs on to the end of the token, so "<most of the key>0000" goes as a whole.
 */
function fragmentForm(secret: string): SecretForm | undefined {
  const length = Math.max(16, Math.ceil(secret.length / 2));
  if (secret.length <= length) return undefined; // the verbatim form already covers it
  const pieces = new Set<string>();
  for (let start = 0; start + length <= secret.length; start++) pieces.add(escapeRegex(secret.slice(start, start + length)));
  // Any case: the case-changed and truncated credentials the suite sends are a long piece in another case.
  return { label: 'partial', pattern: new RegExp(`(?:${[...pieces].join('|')})[A-Za-z0-9_-]*`, 'gi') };
}

/**
 * The secret as the wrong-credential cases send it, for the forms that cannot be matched in any
 * case (base64): its letters' case swapped and its last character cut off. Text forms need no
 * such list: they match in any case, and a key with characters appended contains the key.
 */
function derivedSecrets(secret: string): string[] {
  return [...new Set([secret, swapCase(secret), secret.slice(0, -1)])].filter((s) => s !== '');
}

/** Every form of one secret; an empty secret has none (there is nothing to leak). */
export function secretForms(secret: string): SecretForm[] {
  if (secret === '') return [];
  const forms: SecretForm[] = [{ label: 'verbatim', pattern: new RegExp(escapeRegex(secret), 'g') }];
  // A server may echo the key with its case changed (a case-insensitive lookup normalises it).
  forms.push({ label: 'case-changed', pattern: new RegExp(escapeRegex(secret), 'gi') });
  const percent = encodeURIComponent(secret);
  if (percent !== secret) forms.push({ label: 'percent-encoded', pattern: new RegExp(percentPattern(percent), 'gi') });
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  if (jsonEscaped !== secret) forms.push({ label: 'JSON-escaped', pattern: new RegExp(escapeRegex(jsonEscaped), 'gi') });
  for (const core of [...new Set(derivedSecrets(secret).flatMap(base64Cores))]) {
    // The URL-safe alphabet swaps "+/" for "-_"; the tail swallows the rest of the token and its
    // padding, so "Basic <base64(key:)>" becomes "Basic [REDACTED]", not "[REDACTED]Og==".
    const urlSafe = core.replace(/\+/g, '-').replace(/\//g, '_');
    forms.push({ label: 'base64', pattern: new RegExp(escapeRegex(core) + base64Tail, 'g') });
    if (urlSafe !== core) forms.push({ label: 'base64url', pattern: new RegExp(escapeRegex(urlSafe) + base64Tail, 'g') });
  }
  const fragment = fragmentForm(secret);
  if (fragment) forms.push(fragment);
  return forms;
}

/**
 * Forms of several secrets in the order to apply them: longer secrets first (one may contain
 * another), and for each the exact forms before the partial one, which only mops up.
 */
export function allSecretForms(secrets: readonly string[]): SecretForm[] {
  return [...secrets].sort((a, b) => b.length - a.length).flatMap(secretForms);
}
