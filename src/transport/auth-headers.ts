/** Turns an auth variant into the Authorization header the scenario asks for. */
import { randomBytes } from 'node:crypto';
import type { AuthVariant } from '../model';
import { APPENDED_KEY_SUFFIX, caseChangedKey, keyPrefix, otherEnvironmentKey, PREPENDED_KEY_PREFIX, tabbedKey, TRAILING_WORD, wrongChecksum } from '../model/http';

/**
 * A key with the same prefix and length as the configured one, so the server must look it up
 * rather than reject it on shape. Random per run: a server cannot special-case it.
 */
export function wellFormedUnknownKey(configuredKey: string | undefined): string {
  const prefix = keyPrefix(configuredKey ?? '') || 'zv_test_';
  const length = Math.max(configuredKey?.length ?? 0, prefix.length + 32);
  let body = '';
  while (body.length < length - prefix.length) body += randomBytes(16).toString('hex');
  return prefix + body.slice(0, length - prefix.length);
}

/** Header value for a variant; undefined means "send no Authorization header". */
export function authorizationFor(variant: AuthVariant, apiKey: string, unknownKey: string, otherProjectKey = ''): string | undefined {
  switch (variant) {
    case 'valid':
      return `Bearer ${apiKey}`;
    case 'none':
      return undefined;
    case 'wrong-key':
      return `Bearer ${unknownKey}`;
    case 'empty-bearer':
      return 'Bearer ';
    case 'no-scheme':
      return apiKey;
    case 'basic':
      // The right secret in the wrong scheme (Stripe-style "key:" user): a server must not accept it.
      return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
    case 'lowercase-bearer':
      return `bearer ${apiKey}`;
    case 'extra-spaces':
      return `Bearer   ${apiKey}  `;
    case 'long-token':
      return `Bearer ${unknownKey}${'x'.repeat(8192)}`;
    case 'control-chars':
      // node:http refuses C0 controls and DEL in a header; a tab and a C1 control (obs-text on the
      // wire) are sendable and still outside the b64token grammar.
      return `Bearer ${tabbedKey(apiKey)}\x85`;
    case 'wrong-checksum':
      return `Bearer ${wrongChecksum(apiKey)}`;
    case 'key-then-word':
      // A server that splits the header on spaces and takes the second word finds the key in it.
      return `Bearer ${apiKey} ${TRAILING_WORD}`;
    case 'token-scheme':
      return `Token ${apiKey}`;
    case 'apikey-scheme':
      return `ApiKey ${apiKey}`;
    case 'bearer-no-space':
      return `Bearer${apiKey}`;
    case 'case-changed':
      return `Bearer ${caseChangedKey(apiKey)}`;
    case 'appended':
      return `Bearer ${apiKey}${APPENDED_KEY_SUFFIX}`;
    case 'prepended':
      return `Bearer ${PREPENDED_KEY_PREFIX}${apiKey}`;
    case 'other-environment':
      // variantProblem skips the case for a key without a prefix to swap.
      return `Bearer ${otherEnvironmentKey(apiKey) ?? apiKey}`;
    case 'property-name':
      // A server that finds keys in a plain object (keys[token]) finds this one in every object.
      return 'Bearer constructor';
    case 'truncated':
      return `Bearer ${apiKey.slice(0, -1)}`;
    case 'other-project-key':
      // Planned only when the key is given (or the embedded server made it); a replay sends nothing.
      return `Bearer ${otherProjectKey}`;
  }
}

/**
 * Why a variant cannot be derived from this key, or undefined when it can. Each wrong form of the
 * key must differ from the key, or the case would send the valid credential and expect a 401.
 */
export function variantProblem(variant: AuthVariant, apiKey: string): string | undefined {
  if (variant === 'case-changed' && caseChangedKey(apiKey) === apiKey) return 'the API key has no letters past its prefix, so changing their case leaves it the valid key';
  if (variant === 'other-environment' && otherEnvironmentKey(apiKey) === undefined) return 'the API key has no zv_test_ or zv_live_ prefix to put under the other environment';
  if (variant === 'truncated' && apiKey.length < 2) return 'the API key is too short to cut';
  return undefined;
}

