/** Credentials in HTML or XML a target answered (recording/markup-values.ts): the edges of its reader. */
import { redactMarkupValues } from '../../src/recording/markup-values';

describe('a tag inside a JSON string, its attributes quoted \\"…\\"', () => {
  it('loses the value inside the escaped quotes, which stay: the string stays JSON', () => {
    const body = String.raw`{"html":"<input name=\"csrf_token\" value=\"SECRET\">"}`;
    const out = redactMarkupValues(body);
    expect(out).toBe(String.raw`{"html":"<input name=\"csrf_token\" value=\"[REDACTED]\">"}`);
    expect(JSON.parse(out)).toEqual({ html: '<input name="csrf_token" value="[REDACTED]">' });
  });

  it('loses a value with spaces whole, to its closing escaped quote (not up to its first space)', () => {
    expect(redactMarkupValues(String.raw`{"html":"<input name=\"password\" value=\"my secret pass\" id=\"p\">"}`)).toBe(
      String.raw`{"html":"<input name=\"password\" value=\"[REDACTED]\" id=\"p\">"}`,
    );
    expect(redactMarkupValues(String.raw`{"h":"<a token=\"x y\" b=\"c\">"}`)).toBe(String.raw`{"h":"<a token=\"[REDACTED]\" b=\"c\">"}`);
    // Not closed (an excerpt cut short): to the tag's end, failing closed.
    expect(redactMarkupValues(String.raw`<a token=\"x y>`)).toBe(String.raw`<a token=\"[REDACTED]>`);
  });
});

describe("an element's text", () => {
  it('keeps whitespace alone under a sensitive name: there is no value to hide, and the bytes stay', () => {
    for (const kept of ['<token>  </token>', '<r><secret>\n\t</secret></r>']) expect(redactMarkupValues(kept)).toBe(kept);
  });

  it('reads a self-closing sensitive element as having no text: the text after it is its parent\'s', () => {
    for (const kept of ['<r><token/>kept</r>', '<r><token />kept</r>', '<r><password a="1"/>kept</r>']) expect(redactMarkupValues(kept)).toBe(kept);
  });

  it('does not read tags inside a sensitive element\'s CDATA: the CDATA goes whole and its end stays', () => {
    // Read as a tag, `<a token=]]>` would lose "]]" too: the CDATA's end, and the XML with it.
    expect(redactMarkupValues('<secret><![CDATA[x<a token=]]></secret><n>1</n>')).toBe('<secret><![CDATA[[REDACTED]]]></secret><n>1</n>');
  });
});

describe('a tag inside a JSON string written with \\u003c and \\u003e (Go\'s encoder)', () => {
  it('loses the value, and keeps the escapes: the string stays JSON', () => {
    const body = String.raw`{"html":"\u003cinput name=\"csrf_token\" value=\"SECRET\"\u003e"}`;
    const out = redactMarkupValues(body);
    expect(out).toBe(String.raw`{"html":"\u003cinput name=\"csrf_token\" value=\"[REDACTED]\"\u003e"}`);
    expect(JSON.parse(out)).toEqual({ html: '<input name="csrf_token" value="[REDACTED]">' });
    expect(redactMarkupValues(String.raw`"\u003Caccess_token\u003ESECRET\u003C/access_token\u003E"`)).toBe(String.raw`"\u003Caccess_token\u003E[REDACTED]\u003C/access_token\u003E"`);
  });

  it('keeps such markup without a credential byte for byte', () => {
    for (const kept of [String.raw`{"html":"\u003cinput name=\"q\" value=\"kept\"\u003e"}`, String.raw`"List\u003cToken\u003e of \u003cb\u003ex\u003c/b\u003e"`, String.raw`"x \u003c 3"`]) expect(redactMarkupValues(kept)).toBe(kept);
  });

  it('reads 8 MB of hostile escapes without overflowing the stack, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['\\u003c'.padEnd(size, 'a'), '\\u003ca '.padEnd(size, 'token=\\"x '), '\\u003c'.padEnd(size, '\\u003c\\u003e')]) expect(() => redactMarkupValues(text)).not.toThrow();
    expect(redactMarkupValues(`${'\\u003ca b=\\"c\\"\\u003e'.repeat(size / 20)}\\u003ctoken\\u003eSECRET`)).not.toContain('SECRET');
  });
});

describe('an attribute value that holds ">"', () => {
  it('does not end the tag: the value after it still goes, quoted either way or \\"…\\" inside a JSON string', () => {
    expect(redactMarkupValues('<input name="token" data-x="a>b" value="SECRET">')).toBe('<input name="token" data-x="a>b" value="[REDACTED]">');
    expect(redactMarkupValues("<input data-x='a>b' name='password' value='SECRET'/>")).toBe("<input data-x='a>b' name='password' value='[REDACTED]'/>");
    expect(redactMarkupValues(String.raw`{"h":"<input name=\"token\" data-x=\"a>b\" value=\"SECRET\">"}`)).toBe(String.raw`{"h":"<input name=\"token\" data-x=\"a>b\" value=\"[REDACTED]\">"}`);
    expect(redactMarkupValues('<token x="a>b">SECRET</token>')).toBe('<token x="a>b">[REDACTED]</token>');
  });

  it('keeps markup without a credential byte for byte, and a tag whose quote does not close before the next "<" is read as before', () => {
    for (const kept of ['<a title="x > y" href="/p">b</a>', '<p class=\'it\'s>x</p>', 'x < 3 && y > "2"']) expect(redactMarkupValues(kept)).toBe(kept);
    // Read to its first ">" as before: the value not closed there goes to that ">".
    expect(redactMarkupValues('<a token="x>y <b>')).toBe('<a token="[REDACTED]>y <b>');
  });
});
