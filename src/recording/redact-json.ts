/** Redacts the values of sensitive keys at any depth of a JSON body. */
import { isSensitiveName, redacted } from './sensitive-names';

function redactValue(value: unknown): { value: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const result = redactValue(item);
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
        out[key] = redacted;
        changed = true;
      } else {
        const result = redactValue(child);
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
 * server sent, so it is only re-serialised when something had to go.
 */
export function redactJsonKeys(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  const result = redactValue(parsed);
  return result.changed ? JSON.stringify(result.value) : text;
}
