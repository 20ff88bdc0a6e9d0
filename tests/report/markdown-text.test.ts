/**
 * summary.md's text helpers on received text: every line they make is bounded (a target's
 * 10,000-character message must not make one line of a job summary), whatever the caller passes.
 */
import { code, md } from '../../src/report/markdown-text';

describe('md', () => {
  it('cuts received text to a short line by default, the cut marked', () => {
    const line = md('m'.repeat(10_000));
    expect(line.length).toBeLessThanOrEqual(140);
    expect(line.endsWith('…')).toBe(true);
  });

  it('cuts to the length asked for', () => {
    expect(md('abcdefghij', 5)).toBe('abcd…');
  });
});

describe('code', () => {
  it('bounds a code span too: a long value is cut, the fence around it whole', () => {
    const span = code('v'.repeat(10_000));
    expect(span.length).toBeLessThanOrEqual(82);
    expect(span).toMatch(/^`v+…`$/);
  });
});

describe('code: a place through a received key', () => {
  it('shows a newline or a tab in it as an escape, not folded into a space: "/sync/key\\none" is no "/sync/key one"', () => {
    expect(code('/sync/key\none\ttwo\r')).toBe('`/sync/key\\none\\ttwo\\r`');
  });
});

describe('code: the fence', () => {
  it('is longer than any backtick run inside, so a received backtick cannot close the span early', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('x ``y`` z')).toBe('```x ``y`` z```');
  });
});

/**
 * What a CommonMark reader makes of a line, split in two: the text outside code spans (backslash
 * escapes and character references undone, as GitHub's parser and its later linking pass see it)
 * and the contents of the code spans. Enough of CommonMark for these lines: a backtick run opens a
 * span closed by the next run of the same length; an escaped backtick opens nothing.
 */
function readLine(line: string): { text: string; markup: string; spans: string[] } {
  let text = '';
  // The text outside code spans with each escaped character as "·": what is left can be markup.
  let markup = '';
  const spans: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] ?? '';
    if (c === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1] ?? '')) {
      text += line[i + 1];
      markup += '·';
      i += 2;
    } else if (c === '`') {
      const run = /^`+/.exec(line.slice(i))?.[0] ?? '`';
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
      close.lastIndex = i + run.length;
      const end = close.exec(line);
      if (end === null) {
        text += run;
        markup += run;
        i += run.length;
      } else {
        const inner = line.slice(i + run.length, end.index);
        spans.push(inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '' ? inner.slice(1, -1) : inner);
        text += ' ';
        markup += ' ';
        i = end.index + run.length;
      }
    } else {
      text += c;
      markup += c;
      i += 1;
    }
  }
  const decoded = text.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)));
  return { text: decoded, markup, spans };
}

/** Anything GitHub links, notifies or embeds in the text of a comment or job summary (never in code). */
const LINKED = /[a-z][a-z0-9+.-]*:\/\/|(?:mailto|xmpp):|www\.|@|#\d|GH-\d|(?<![0-9a-z])[0-9a-f]{7,40}(?![0-9a-z])/i;

describe('md: nothing a target sends links, pings or embeds', () => {
  const sent = [
    'see https://evil.example/x?a=1&b=2_c, http://evil.example, ftp://evil.example/f',
    'Visit www.evil.example/login or WWW.Evil.example.',
    'mail ops@evil.example or mailto:ops@evil.example, xmpp:bot@evil.example',
    'fixed in 0123456789abcdef0123456789abcdef01234567 (short abc1234), by octo@0123abc',
    'ping @octocat and @org/team about #12, GH-7 and o/r#9',
    '(https://evil.example/x) *www.evil.example* _ops@evil.example_ ~http://a.example~',
    'a|https://evil.example|b and `https://x.example` and ``www.y.example``',
    '![img](https://evil.example/p.png) <a href="https://evil.example">x</a> <https://evil.example>',
  ];

  it.each(sent)('%s: outside code spans no link, mention, issue, commit, image or HTML is left', (message) => {
    const { text, markup } = readLine(md(message, 400));
    expect(text).not.toMatch(LINKED);
    // No tag, entity, image or link syntax: each such character is escaped or in a span.
    expect(markup).not.toMatch(/[<>&[\]`]/);
  });

  it('reads as it was sent: each linkable word whole in a code span, the rest escaped', () => {
    const line = md('see https://evil.example/a_b*c, ops@evil.example and www.evil.example. Received: 500');
    expect(line).toBe('see `https://evil.example/a_b*c,` `ops@evil.example` and `www.evil.example.` Received: 500');
    const { text, spans } = readLine(line);
    expect(spans).toEqual(['https://evil.example/a_b*c,', 'ops@evil.example', 'www.evil.example.']);
    expect(text).toBe('see     and   Received: 500');
  });

  it('keeps a "|" outside the spans, escaped, so a table cell holding received text is not split', () => {
    expect(md('x|https://evil.example|y')).toBe('x\\|`https://evil.example`\\|y');
  });

  it('leaves words with nothing to link as plain escaped text', () => {
    expect(md('Received: 200 / Expected: 401 (no_credentials)')).toBe('Received: 200 / Expected: 401 (no\\_credentials)');
  });
});

describe('md: no text a target sends renders as a formula', () => {
  // GitHub renders $…$ and $$…$$ as LaTeX (MathJax) in PR comments and Markdown: "$\Huge\color{green}\text{CONFORMANT}$"
  // would draw the target's verdict over the suite's. A backslash before "$" is not honoured on every line
  // that holds math, so each word holding a "$" is set as a code span, which is never math.
  it.each([
    'all good: $\\Huge\\color{green}\\text{CONFORMANT}$',
    '$$ \\color{red}\\text{pwned} $$',
    'price$x^2$ and $`\\sqrt{2}`$',
    'a|$x$|b',
  ])('%s: outside code spans no "$" is left', (message) => {
    const { markup } = readLine(md(message, 400));
    expect(markup).not.toContain('$');
  });

  it('reads as it was sent: the word whole in a span', () => {
    expect(md('cost $5 and $x$')).toBe('cost `$5` and `$x$`');
  });
});

describe('md: a commit SHA only as a whole word', () => {
  it('sets a hex run apart only when no letter or digit touches it: inside a longer word GitHub links nothing, and the word stays plain', () => {
    expect(md('deadbeef')).toBe('`deadbeef`');
    expect(md('z0123456789')).toBe('z0123456789');
    expect(md('deadbeefxyz')).toBe('deadbeefxyz');
  });
});

describe('code: a backtick at either end', () => {
  it('is kept apart from the fence by a space, so it cannot lengthen the fence', () => {
    expect(code('a`')).toBe('`` a` ``');
    expect(code('`a')).toBe('`` `a ``');
  });
});
