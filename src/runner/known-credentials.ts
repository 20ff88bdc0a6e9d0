/**
 * The credentials a run knows, each with every form the scrubber knows it by: what the
 * credential-echoed check looks for in each answer. Built once per run from recording's own
 * list (secret-forms), so what the check flags is exactly what the reports have scrubbed; checks
 * may not import recording, so the forms reach them in their context.
 */
import { OTHER_PROJECT_KEY_ENV } from '../model/http';
import type { KnownCredential } from '../model/check';
import { secretForms } from '../recording/secret-forms';

/**
 * Shorter keys are not looked for: a mock's key ("sync", "pw7Qx2k") is a word an answer may hold
 * for its own reasons ({"sync": …}), as run-config says of a key in a URL. Real keys are 40.
 */
export const MIN_SEARCHED_LENGTH = 16;

/**
 * From this length on a key's partial form (a run of at least half of it) is looked for too: its
 * pieces are then 16 characters, 8 past the public prefix at least. Under it a piece may be the
 * prefix and a character (`v_test_a`), which another key of the prefix holds: the suite's own
 * unknown key one time in sixteen. The scrubber keeps it (redacting more costs nothing); a finding may not.
 */
export const MIN_PARTIAL_LENGTH = 24;

/**
 * The key, the other project's key and the well-formed unknown key the wrong-key cases send (a
 * target that shows it to a request that did not send it shows one caller's credential to
 * another); short ones and repeats left out.
 */
export function knownCredentials(keys: { apiKey: string; otherProjectKey: string; unknownKey: string }): KnownCredential[] {
  const named: [string, string][] = [
    [keys.apiKey, 'the API key (ZAVU_API_KEY)'],
    [keys.otherProjectKey, `the other project's key (${OTHER_PROJECT_KEY_ENV})`],
    [keys.unknownKey, "the suite's well-formed unknown key"],
  ];
  const seen = new Set<string>();
  return named.flatMap(([value, name]) => {
    if (value.length < MIN_SEARCHED_LENGTH || seen.has(value)) return [];
    seen.add(value);
    const forms = secretForms(value).filter((form) => form.label !== 'partial' || value.length >= MIN_PARTIAL_LENGTH);
    // The check names the first form that matches. The escaped form takes what it escapes as is too
    // (a derived token's prefix and most of its secret), which the partial form names rightly: it is
    // asked last here, where the scrubber asks it before the partial form (it takes a mixed echo whole).
    return [{ name, forms: [...forms.filter((form) => form.label !== 'escaped'), ...forms.filter((form) => form.label === 'escaped')] }];
  });
}
