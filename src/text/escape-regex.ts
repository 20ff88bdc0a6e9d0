/**
 * Text as a regular expression that matches it literally: one helper for every pattern built from
 * text the suite does not control (a key and its encodings, a path template's literal pieces), so
 * no copy of it forgets a character.
 */

/**
 * `text` as a regular expression source that matches it literally. `/` and `-` are escaped too, so
 * the source is safe inside a literal's slashes or next to a character class; for a pattern without
 * the `u` flag (under `u`, `\-` outside a class is a syntax error).
 */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * The same for a pattern with the `u` flag, where an escape of anything but a syntax character or
 * `/` is a syntax error (`\-`): only the syntax characters are escaped. Not for inside a character class.
 */
export const escapeRegexUnicode = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
