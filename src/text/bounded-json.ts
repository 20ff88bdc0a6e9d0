/**
 * Compact JSON of a received value, written only as far as it will be shown. A body may hold a
 * 300,000-property object or arrays nested 100,000 deep: JSON.stringify would build the whole
 * text (megabytes per violation) or overflow the stack, only for all but the first 200 characters
 * to be thrown away. Here writing stops as soon as the budget is spent, so the work and the
 * recursion depth are bounded by the budget, not by the value.
 *
 * It is JSON but for one value no JSON text writes: a number too large for a double, which JSON.parse
 * reads as Infinity (or -Infinity), is written so, not as JSON.stringify's null.
 */

/** What a cut value was as a whole, since its text is not shown: "a string of 8388608 chars". */
export function sizeOf(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} chars`;
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (typeof value === 'object' && value !== null) {
    const count = Object.keys(value).length;
    return `an object of ${count} ${count === 1 ? 'property' : 'properties'}`;
  }
  return 'a value';
}

interface Writer {
  text: string;
  /** Characters after which writing stops; the caller cuts at its own limit. */
  readonly limit: number;
}

function full(writer: Writer): boolean {
  return writer.text.length > writer.limit;
}

function write(value: unknown, writer: Writer): void {
  if (full(writer)) return;
  if (typeof value === 'string') {
    // Only what can still be shown is escaped; one more char than the room makes the cut visible.
    const room = writer.limit - writer.text.length + 1;
    writer.text += JSON.stringify(value.length > room ? value.slice(0, room) : value);
    return;
  }
  if (Array.isArray(value)) {
    writer.text += '[';
    for (let i = 0; i < value.length && !full(writer); i += 1) {
      if (i > 0) writer.text += ',';
      write(value[i], writer);
    }
    writer.text += ']';
    return;
  }
  if (typeof value === 'object' && value !== null) {
    writer.text += '{';
    let first = true;
    // for…in stops early, where Object.keys would list every key of a huge object first.
    for (const key in value) {
      if (full(writer)) break;
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      writer.text += `${first ? '' : ','}${JSON.stringify(key.length > writer.limit ? key.slice(0, writer.limit) : key)}:`;
      first = false;
      write((value as Record<string, unknown>)[key], writer);
    }
    writer.text += '}';
    return;
  }
  // A number literal beyond a double's range (1e999999, a megabyte of digits) is read as ±Infinity,
  // which JSON.stringify writes as null: the message would say the target sent null.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    writer.text += String(value);
    return;
  }
  writer.text += JSON.stringify(value) ?? String(value);
}

/**
 * The value as compact JSON when it fits in `max` characters; otherwise its first `max`
 * characters, an ellipsis and what the whole was ("… (an object of 300012 properties)").
 */
export function boundedJson(value: unknown, max: number): string {
  const writer: Writer = { text: '', limit: max };
  write(value, writer);
  if (writer.text.length <= max) return writer.text;
  return `${writer.text.slice(0, max)}… (${sizeOf(value)})`;
}
