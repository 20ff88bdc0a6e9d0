/** Redacts the values of sensitive keys at any depth of a JSON body. */
import { hasSensitiveMember } from './received-tokens';
import { REDACTED_MARKERS, isSensitiveName, kindOf, redacted, redactedKind } from './sensitive-names';

/**
 * Deeper than any body the checks judge (body-too-complex stops them past 512, as an Error's
 * free-form details may nest deep), so a body judged live is redacted key by key and replays
 * alike; JSON.parse accepts 100,000 nested arrays, but walking them recursively would overflow
 * the stack and lose the whole recording, so past this the body is redacted whole.
 */
export const REDACT_MAX_DEPTH = 1024;

const TOO_DEEP = Symbol('too deep');

function redactValue(value: unknown, depth: number): { value: unknown; changed: boolean } {
  if (depth > REDACT_MAX_DEPTH) throw TOO_DEEP;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = redactValue(item, depth + 1);
      changed ||= result.changed;
      return result.value;
    });
    return { value: items, changed };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    // No prototype: a "__proto__" key in the body stays a plain key instead of re-parenting the copy.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [key, child] of Object.entries(value)) {
      if (isSensitiveName(key)) {
        // A marker already there (a recording scrubbed again) stays as it is: the same bytes replay alike.
        const marker = typeof child === 'string' && REDACTED_MARKERS.has(child) ? child : redactedKind(kindOf(child));
        out[key] = marker;
        changed ||= marker !== child;
      } else {
        const result = redactValue(child, depth + 1);
        changed ||= result.changed;
        out[key] = result.value;
      }
    }
    return { value: out, changed };
  }
  return { value, changed: false };
}

/**
 * Returns the body with every sensitive key's value replaced by the marker. A body that is not JSON,
 * or has no such key, comes back byte-identical: checks replayed later judge the exact text the
 * server sent, so it is only re-serialised when something had to go. A body with a sensitive key
 * nested too deep to rewrite is replaced whole by the marker: failing closed.
 */
export function redactJsonKeys(text: string): string {
  // Most bodies have no sensitive key: the text says so without building a tree to copy.
  if (!hasSensitiveMember(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  let result: { value: unknown; changed: boolean };
  try {
    result = redactValue(parsed, 1);
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    return redacted;
  }
  return result.changed ? JSON.stringify(result.value) : text;
}
