/**
 * Counted nouns for messages. Its own module, importing nothing, because both checks/ (violation
 * titles) and report/ (headlines) need it and checks must not depend on report.
 */

/** "1 case", "2 cases"; `pluralForm` for irregular nouns ("1 family", "2 families"). */
export function plural(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}
