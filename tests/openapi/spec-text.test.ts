/** specText: what a checkout or an editor changes of a spec is taken out; what the contract is, kept byte for byte. */
import { specText } from '../../src/openapi/spec-text';

const text = (input: string | Buffer): string => specText(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8')).toString('utf8');

test('a file already in the form (no BOM, LF, one final newline or none) is its bytes unchanged', () => {
  for (const input of ['a: 1\nb: 2\n', 'a: 1\nb: 2', '{"a": 1}', '', 'a: |\n  kept  \n']) expect(text(input)).toBe(input);
});

test('a BOM, CRLF and blank lines at the end are taken out, and only them', () => {
  expect(text('\uFEFFa: 1\r\nb: "x\r\n  y"\r\n')).toBe('a: 1\nb: "x\n  y"\n');
  expect(text('a: 1\n\n  \n\t\n')).toBe('a: 1\n');
  expect(text('a: 1\r\n\r\n\r\n')).toBe('a: 1\n');
  // A BOM elsewhere than first is the file's text.
  expect(text('a: "\uFEFF"\nb\n')).toBe('a: "\uFEFF"\nb\n');
  // The last line's own trailing spaces are its text (in a literal block scalar, its value's).
  expect(text('a: |\n  x  \n\n')).toBe('a: |\n  x  \n');
});

test('a lone CR (an old Mac editor\'s line ending) is a line break as LF is, mixed with CRLF too', () => {
  expect(text('a: 1\rb: "x\r  y"\r')).toBe('a: 1\nb: "x\n  y"\n');
  expect(text('a: 1\r\rb: 2\r\n\r')).toBe('a: 1\n\nb: 2\n');
  expect(text('a: 1\r\r\n\r\r')).toBe('a: 1\n');
});

test('bytes that are not UTF-8 are kept as they are: their sha256 is what it was', () => {
  const bytes = Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0d, 0x0a]);
  expect([...specText(bytes)]).toEqual([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
});

test('a long run of blank lines before the last content is walked once, not once per newline', () => {
  const input = `${'\n'.repeat(200_000)}x`;
  expect(text(input)).toBe(input);
});
