/** JSON inside JSON strings (recording/escaped-members.ts): where a string of a level ends. */
import { redactEscapedMembers } from '../../src/recording/escaped-members';

describe('a string of a deeper level ends where the string of the level above it ends', () => {
  it('after a backslash that ends the string above (`\\\\"`): a value cut there goes to that end, and the outer JSON stays JSON', () => {
    // The inner object is cut by the outer string's end, which a backslash (written `\\`) comes just before.
    const text = String.raw`{"e":"{\\\"token\\\":{\\\"a\\\":1\\", "n": 1}`;
    const out = redactEscapedMembers(text);
    expect(out).toBe(String.raw`{"e":"{\\\"token\\\":\\\"[REDACTED object]\\\"", "n": 1}`);
    expect(JSON.parse(out)).toEqual({ e: String.raw`{\"token\":\"[REDACTED object]\"`, n: 1 });
  });

  it('two strings of the outer JSON are never read as one inner string: no key is made of the end of one and the start of the next', () => {
    for (const kept of [String.raw`{"e":"{\\\"a\\\":\\\"x\\", "token\\\":1"}`, String.raw`{"e":"\\\"x\\", "n":"token\\\":1"}`]) expect(redactEscapedMembers(kept)).toBe(kept);
  });

  it('a backslash just before the end of a string of the level read does not carry the string past that end (text that is no JSON kept byte for byte)', () => {
    const kept = String.raw`{"e":"\"token\\"\": 1}`;
    expect(redactEscapedMembers(kept)).toBe(kept);
  });
});
