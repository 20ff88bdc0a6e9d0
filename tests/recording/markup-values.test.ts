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

describe('an attribute value that holds "<"', () => {
  it('is read to its closing quote: the credential after the "<" goes, either attribute first, in either quote or \\"…\\" inside a JSON string', () => {
    expect(redactMarkupValues('<input type="hidden" name="csrf_token" value="a<b SECRET">')).toBe('<input type="hidden" name="csrf_token" value="[REDACTED]">');
    expect(redactMarkupValues('<input value="a<b SECRET" name="csrf_token"><p>kept</p>')).toBe('<input value="[REDACTED]" name="csrf_token"><p>kept</p>');
    expect(redactMarkupValues("<x token='a<b SECRET' y='1'>")).toBe("<x token='[REDACTED]' y='1'>");
    const body = String.raw`{"h":"<input name=\"csrf_token\" value=\"a<b SECRET\">"}`;
    expect(redactMarkupValues(body)).toBe(String.raw`{"h":"<input name=\"csrf_token\" value=\"[REDACTED]\">"}`);
    expect(JSON.parse(redactMarkupValues(body))).toEqual({ h: '<input name="csrf_token" value="[REDACTED]">' });
    // Holding "<" and then ">": read to that ">", failing closed (its first part goes).
    expect(redactMarkupValues('<input name="token" value="a<b>c">')).toBe('<input name="token" value="[REDACTED]>c">');
  });

  it('an excerpt cut inside a credential\'s value (no ">" after it) loses the value to the text\'s end', () => {
    expect(redactMarkupValues('<input name="csrf_token" value="SECRETSECR… (9000 chars)')).toBe('<input name="csrf_token" value="[REDACTED]');
  });

  it('keeps such markup without a credential byte for byte, and the tags inside the value are still read', () => {
    for (const kept of ['<input name="q" value="a<b kept">', '<a href="x<y">t</a>', '<a title="1<2" token>x</a>']) expect(redactMarkupValues(kept)).toBe(kept);
    expect(redactMarkupValues('<a title="x<token>SECRET</token>">')).not.toContain('SECRET');
  });

  it('reads 8 MB of hostile open values holding "<" without overflowing the stack, and finds a credential past them', () => {
    const size = 8 * 1024 * 1024;
    for (const text of ['<input name="token" value="<'.padEnd(size, '<input name="token" value="<'), '<a b="<a b=\'<'.padEnd(size, '<a b="<a b=\'<'), '<x token="a<'.padEnd(size, 'b'), '<a b="<'.padEnd(size, '<a b="<c">')]) {
      expect(() => redactMarkupValues(text)).not.toThrow();
    }
    expect(redactMarkupValues(`${'<a b="<c" d>'.repeat(size / 12)}<input name="token" value="a<b SECRET">`)).not.toContain('SECRET');
  });
});

describe('Go\'s escaped markup a level or more further in (\\\\u003c, its quotes \\\\\\"…\\\\\\")', () => {
  /** `value` as JSON writes it inside a JSON string `levels` times over. */
  const nest = (value: string, levels: number): string => (levels === 0 ? value : nest(JSON.stringify(value).slice(1, -1), levels - 1));
  /** The string nested `levels` deep, read back through as many JSON.parse. */
  const unnest = (text: string, levels: number): string => (levels === 0 ? text : unnest(JSON.parse(`"${text}"`) as string, levels - 1));
  const go = (markup: string): string => JSON.stringify(markup).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

  it.each([
    ['<input type="hidden" name="csrf_token" value="my SECRET">', '<input type="hidden" name="csrf_token" value="[REDACTED]">'],
    ['<x token="SECRET" y="1"/>', '<x token="[REDACTED]" y="1"/>'],
    ['<access_token><![CDATA[my SECRET]]></access_token>', '<access_token><![CDATA[[REDACTED]]]></access_token>'],
    ['<access_token>my SECRET</access_token>', '<access_token>[REDACTED]</access_token>'],
  ])('%s loses its value at every depth, keeping its quotes: every level still JSON, the markup as it was', (markup, expected) => {
    for (let levels = 0; levels <= 3; levels += 1) {
      const body = `{"e":"${nest(go(markup), levels)}"}`;
      const out = redactMarkupValues(body);
      expect({ levels, kept: out.includes('SECRET') }).toEqual({ levels, kept: false });
      expect({ levels, markup: unnest((JSON.parse(out) as { e: string }).e, levels) }).toEqual({ levels, markup: expected });
    }
  });
});

describe('mutation audit: the edges that kept a value', () => {
  it('a deeper level\'s quote (\\\\\\") inside a value quoted \\"…\\" does not close it, whichever attribute names the field', () => {
    for (const body of [
      String.raw`{"e":"<input name=\"token\" value=\"ab\\\"c SECRET\\\" d\"> tail"}`,
      String.raw`{"e":"<input value=\"ab\\\"c SECRET\\\" d\" name=\"token\"> tail"}`,
      // A ">" inside it too: the tag does not end there.
      String.raw`{"e":"<input name=\"token\" value=\"ab\\\"c> SECRET\\\" d\"> tail"}`,
    ]) {
      const out = redactMarkupValues(body);
      expect({ body, kept: out.includes('SECRET') }).toEqual({ body, kept: false });
      expect(out).toContain(String.raw`value=\"[REDACTED]\"`);
      expect(out.endsWith('> tail"}')).toBe(true);
    }
  });

  it('a tag read inside a value that held a "<" whose own value runs past that value\'s close loses it too', () => {
    expect(redactMarkupValues(`<input name="token" value="a<b token='x" SECRET'> tail`)).toBe(`<input name="token" value="[REDACTED]'> tail`);
  });
});
