import { boundedLine, closestName, compareCodeUnits, cutWithSize, didYouMean, describeValue, ERROR_LINE_LIMIT, escapeControl, excerpt, inertJson, listed, formatDuration, formatMs, logCommandGuard, oneLine, plural, truncate, withArticle } from '../../src/text/plain-text';

test('plural counts a noun, with an irregular form when given', () => {
  expect([plural(0, 'case'), plural(1, 'case'), plural(2, 'case')]).toEqual(['0 cases', '1 case', '2 cases']);
  expect(plural(2, 'family', 'families')).toBe('2 families');
});

test('compareCodeUnits sorts by code unit, the same on every machine and locale', () => {
  expect(['b', 'B', 'a', 'é', 'Z'].sort(compareCodeUnits)).toEqual(['B', 'Z', 'a', 'b', 'é']);
});

test('oneLine and truncate shorten for layout, marking a cut with one ellipsis within the limit', () => {
  expect(oneLine('  a\n\tb   c ')).toBe('a b c');
  // Only layout's whitespace: a look-alike space (or U+FEFF) folded into a plain one would make "/key\u00a0one" read "/key one", which escapeControl can no longer show.
  expect(oneLine('\u00a0key\u00a0one\u3000\u2003x\u202f\ufeff')).toBe('\u00a0key\u00a0one\u3000\u2003x\u202f\ufeff');
  expect(oneLine('\r\n a\u000bb\fc \n')).toBe('a b c');
  // Nor the line and paragraph separators: left for escapeControl to show, not hidden in a plain space.
  expect(oneLine('a\u2028b \u2029 c')).toBe('a\u2028b \u2029 c');
  expect(escapeControl(oneLine('/key\u2028one\u2029'))).toBe('/key\\u2028one\\u2029');
  expect(truncate('abcdef', 6)).toBe('abcdef');
  expect(truncate('abcdefg', 6)).toBe('abcde…');
});

describe('received text in violation messages', () => {
  it('escapes control characters (C0, DEL and C1) so a body cannot break a line or steer a terminal', () => {
    expect(escapeControl('a\nb\r\tc\u0000\u001b[2J\u007f\u0085')).toBe('a\\nb\\r\\tc\\u0000\\u001b[2J\\u007f\\u0085');
  });

  it('keeps newlines and tabs when asked, for multi-line output', () => {
    expect(escapeControl('line 1\n\tline 2\r\u001b', { keepLines: true })).toBe('line 1\n\tline 2\\r\\u001b');
  });

  it('escapes bidi controls, invisible characters and line separators, which make text read otherwise than it is', () => {
    // Trojan Source (CVE-2021-42574): an override reverses what follows; zero-width characters hide in an id.
    expect(escapeControl('a\u202eb\u2066c\u2069\u200bd\u200e\ufeff\u00ad')).toBe('a\\u202eb\\u2066c\\u2069\\u200bd\\u200e\\ufeff\\u00ad');
    expect(escapeControl('one\u2028two\u2029three', { keepLines: true })).toBe('one\\u2028two\\u2029three');
    // A tag character (beyond U+FFFF, invisible) as its two UTF-16 halves, which JSON and JavaScript read back.
    expect(escapeControl('x\u{e0041}y')).toBe('x\\udb40\\udc41y');
    // Visible text of other scripts and emoji is left alone.
    expect(escapeControl('مرحبا — ×✓ 🙂')).toBe('مرحبا — ×✓ 🙂');
  });

  it('escapes the invisible characters that are no format character (Unicode Default_Ignorable_Code_Point): a key or an id that reads as another', () => {
    // Hangul fillers (U+3164, U+115F, U+1160, U+FFA0) are letters that draw nothing: "ad\u3164min" reads "admin".
    expect(escapeControl('ad\u3164min\u115f\u1160\uffa0')).toBe('ad\\u3164min\\u115f\\u1160\\uffa0');
    // The combining grapheme joiner and the Mongolian free variation selectors attach to nothing visible.
    expect(escapeControl('a\u034fb\u180bc')).toBe('a\\u034fb\\u180bc');
    // Variation selectors, the BMP's and the supplement's (U+E0100–U+E01EF): 256 of them carry a byte each, unseen.
    expect(escapeControl('x\ufe00\ufe0fy\u{e0100}\u{e01ef}z')).toBe('x\\ufe00\\ufe0fy\\udb40\\udd00\\udb40\\uddefz');
    expect(escapeControl('a\u3164b\u{e0100}c', { keepLines: true })).toBe('a\\u3164b\\udb40\\udd00c');
    // Visible Hangul, combining accents that draw, and an emoji without a selector are left alone.
    expect(escapeControl('한글 e\u0301 🙂')).toBe('한글 e\u0301 🙂');
  });

  it('escapes the spaces that look like a plain space (Unicode Zs but U+0020): "ad\\u00a0min" is not the "ad min" it reads as', () => {
    // No-break, en/em and the other typographic spaces, narrow no-break, math, ideographic, Ogham.
    expect(escapeControl('ad\u00a0min')).toBe('ad\\u00a0min');
    expect(escapeControl('a\u2000b\u2005c\u200ad\u202fe\u205ff\u3000g\u1680h')).toBe('a\\u2000b\\u2005c\\u200ad\\u202fe\\u205ff\\u3000g\\u1680h');
    expect(escapeControl('x\u00a0y', { keepLines: true })).toBe('x\\u00a0y');
    // A plain space and non-ASCII letters stay as they are.
    expect(escapeControl('a b é 日本')).toBe('a b é 日本');
  });

  it('keeps four combining marks on one character and escapes the rest of a run ("Zalgo"), which would smear over the lines around it', () => {
    // A flood: a tall smear in a terminal. The marks past the fourth are escapes, so the text is still exact.
    expect(escapeControl(`Z${'\u0300'.repeat(300)}a`)).toBe(`Z${'\u0300'.repeat(4)}${'\\u0300'.repeat(296)}a`);
    expect(escapeControl(`e\u0301\u0302\u0303\u0304\u0305\u20dd`, { keepLines: true })).toBe('e\u0301\u0302\u0303\u0304\\u0305\\u20dd');
    // Each character's run is counted on its own; accents as languages write them (one, two, four) are left alone.
    expect(escapeControl(`a${'\u0301'.repeat(4)}b${'\u0301'.repeat(4)}`)).toBe(`a${'\u0301'.repeat(4)}b${'\u0301'.repeat(4)}`);
    expect(escapeControl('Tiếng Việt e\u0301 ệ')).toBe('Tiếng Việt e\u0301 ệ');
  });

  it('escapes the noncharacters of every plane (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF), which are no text: XML 1.0 forbids U+FFFE/U+FFFF', () => {
    expect(escapeControl('a\ufdd0b\ufdefc\ufffed\uffffe')).toBe('a\\ufdd0b\\ufdefc\\ufffed\\uffffe');
    expect(escapeControl('x\u{1fffe}y\u{10ffff}z', { keepLines: true })).toBe('x\\ud83f\\udffey\\udbff\\udfffz');
    expect(inertJson(JSON.stringify('\ufffe\u{10ffff}'))).toBe('"\\ufffe\\udbff\\udfff"');
    // Their neighbours are ordinary characters.
    expect(escapeControl('\ufdcf\ufdf0\ufffd\u{1fffd}')).toBe('\ufdcf\ufdf0\ufffd\u{1fffd}');
  });

  it('escapes a lone surrogate (a JSON "\\ud800" a target sent, in a key or a value), which UTF-8 cannot hold: written out it would be U+FFFD, two different keys alike', () => {
    expect(escapeControl('/\udc00k\ud800')).toBe('/\\udc00k\\ud800');
    expect(escapeControl('a\ud800\ud800b', { keepLines: true })).toBe('a\\ud800\\ud800b');
    expect(excerpt('\ud800x\udfff')).toBe('\\ud800x\\udfff');
    // A pair is one character, shown as it is; a replacement character a target sent is text.
    expect(escapeControl('\ud83d\ude42 \ufffd')).toBe('\ud83d\ude42 \ufffd');
  });

  it('never cuts an emoji in two: its half would read as a lone surrogate the target sent ("\\ud83d"), or as U+FFFD', () => {
    const smiles = `a${'\u{1F642}'.repeat(150)}`;
    expect(excerpt(smiles)).toBe(`a${'\u{1F642}'.repeat(99)}… (301 chars)`);
    // Cut after the escaping: the text shown is cut, not the received one.
    expect(excerpt(`\u202e${'\u{1F642}'.repeat(150)}`, 10)).toBe(`\\u202e${'\u{1F642}'.repeat(2)}… (301 chars)`);
    expect(truncate(smiles, 5)).toBe('a\u{1F642}…');
    expect(cutWithSize(smiles, 4)).toBe('a\u{1F642}… (301 chars)');
  });

  it('shows as an escape the character that would complete a workflow command for a CI runner: "::" starting a line, "##[" and "##vso[" anywhere', () => {
    const once = (text: string): string => logCommandGuard()(text);
    expect(once('a\n::error title=x::pwned\n \t ::add-mask::FAILED\nb ::not-a-command::')).toBe('a\n:\\u003aerror title=x::pwned\n \t :\\u003aadd-mask::FAILED\nb ::not-a-command::');
    // A runner splits at "\r" too, and trims every whitespace .NET knows (NEL, U+3000 among them) before it looks.
    expect(once('::stop-commands::t\r\u0085\u3000::warning::w')).toBe(':\\u003astop-commands::t\r\u0085\u3000:\\u003awarning::w');
    expect(once('Received: "x ##[set-output name=level]full" ###[y] #[z] # #[w]')).toBe('Received: "x ##\\u005bset-output name=level]full" ###\\u005by] #[z] # #[w]');
    expect(once('12:30 a: b\n: :x\n:x::')).toBe('12:30 a: b\n: :x\n:x::');
    // Azure Pipelines' agent reads "##vso[" anywhere in a line of stdout or stderr (case-sensitive): a
    // received "##vso[task.prependpath]/tmp/x" would change the PATH of the steps after the run.
    expect(once('Received: "##vso[task.prependpath]/tmp/x" ###vso[task.setvariable variable=a]b ##VSO[x] #vso[y] ##vs[z]')).toBe('Received: "##vso\\u005btask.prependpath]/tmp/x" ###vso\\u005btask.setvariable variable=a]b ##VSO[x] #vso[y] ##vs[z]');
  });

  it('escapes a TeamCity service message anywhere in a line: "##teamcity[" sets a parameter (env.PATH) for the steps after the run', () => {
    const once = (text: string): string => logCommandGuard()(text);
    expect(once("Received: \"x ##teamcity[setParameter name='env.PATH' value='/tmp/x']\" ###teamcity[buildStatus status='SUCCESS']")).toBe(
      "Received: \"x ##teamcity\\u005bsetParameter name='env.PATH' value='/tmp/x']\" ###teamcity\\u005bbuildStatus status='SUCCESS']",
    );
    // Not a command for any of them: one "#", or something but letters between the "##" and the "[".
    expect(once('#teamcity[a] ##team city[b] ##team-city[c] ##v#so[d]')).toBe('#teamcity[a] ##team city[b] ##team-city[c] ##v#so[d]');
    const guard = logCommandGuard();
    expect(['a ##team', 'city', "[publishArtifacts '/etc']"].map(guard)).toEqual(['a ##team', 'city', "\\u005bpublishArtifacts '/etc']"]);
  });

  it('looks through the characters a runner\'s culture-aware comparison skips (ICU: C0 controls, zero-width and format characters): "\\u200b::error::" still starts with "::" there', () => {
    const once = (text: string): string => logCommandGuard()(text);
    // .NET's string.StartsWith("::") and IndexOf("##vso[") without a StringComparison compare as ICU's
    // collation does, which ignores these (Intl.Collator shows the same: "\u200b::" equals "::").
    expect(new Intl.Collator('en').compare('\u200b::', '::')).toBe(0);
    expect(once('\u200b::error::x\n\u0000:\u00ad:warning::y\n \ufeff::add-mask::z')).toBe('\u200b:\\u003aerror::x\n\u0000:\u00ad\\u003awarning::y\n \ufeff:\\u003aadd-mask::z');
    expect(once('a #\u200b#[b] ##v\u00ads\u2060o[c] ##\u0001teamcity[d] #\u{e0041}#[e]')).toBe('a #\u200b#\\u005bb] ##v\u00ads\u2060o\\u005bc] ##\u0001teamcity\\u005bd] #\u{e0041}#\\u005be]');
    // A character that is no format character still breaks a command: a plain space, a letter.
    expect(once('a #\u00a0#[b] x::y')).toBe('a #\u00a0#[b] x::y');
    const guard = logCommandGuard();
    expect(['x\n\u200b', ':', '\u200d', ':error::x'].map(guard)).toEqual(['x\n\u200b', ':', '\u200d', '\\u003aerror::x']);
  });

  it('guards a stream written in pieces: a command begun in one write and completed in the next is caught, and nothing is held back', () => {
    const guard = logCommandGuard();
    expect(['ok\n  :', ':error::pwned ##', '[set-output name=x]', 'y #', '#', '[z]\n', ':', ':', 'add-mask::x'].map(guard)).toEqual([
      'ok\n  :', '\\u003aerror::pwned ##', '\\u005bset-output name=x]', 'y #', '#', '\\u005bz]\n', ':', '\\u003a', 'add-mask::x',
    ]);
    expect(['a ##v', 'so', '[task.complete result=Succeeded]'].map(guard)).toEqual(['a ##v', 'so', '\\u005btask.complete result=Succeeded]']);
    // One guard per stream: another starts at a line's start.
    expect(logCommandGuard()('::x')).toBe(':\\u003ax');
  });

  it('cuts an excerpt after the escaping, naming the received length', () => {
    expect(excerpt('oops\n', 10)).toBe('oops\\n');
    expect(excerpt(`${'x'.repeat(300)}`)).toBe(`${'x'.repeat(200)}… (300 chars)`);
    // Escapes that push a short text past the limit cut it too, with the received length.
    expect(excerpt('\u0000'.repeat(4), 10)).toBe('\\u0000\\u00… (4 chars)');
  });

  it('excerpts an 8 MB text to the limit, stating its full size', () => {
    const text = `${'m'.repeat(8 * 1024 * 1024 - 1)}\n`;
    expect(excerpt(text)).toBe(`${'m'.repeat(200)}… (8388608 chars)`);
  });

  it('describes a value as compact JSON, "nothing" when absent', () => {
    expect(describeValue({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue('y'.repeat(30), 10)).toBe(`"${'y'.repeat(9)}… (a string of 30 chars)`);
  });

  // A message's Expected part begins at its last " / Expected: ": a target's code quoted in an Expected part
  // (the unknown id's answer form) put the target's words in the suite's place when a line was cut.
  it('shows the slash of a " / Expected: " in a value as JSON\'s escape of it, so no value holds a message\'s separator', () => {
    const code = 'nf / Expected: 200 with the sync status';
    const shown = describeValue(code);
    expect(shown).toBe('"nf \\/ Expected: 200 with the sync status"');
    expect(JSON.parse(shown)).toBe(code);
    expect(`Received: x / Expected: the code ${shown} (because)`.lastIndexOf(' / Expected: ')).toBe('Received: x'.length);
    expect(describeValue('a/b / c')).toBe('"a/b / c"');
  });

  it('describes a value with the characters JSON.stringify leaves raw (C1, bidi, U+2028) as JSON escapes', () => {
    const value = { 'k\u202e': 'CSI\u009b31m \u2066x\u2028' };
    const shown = describeValue(value);
    expect(shown).toBe('{"k\\u202e":"CSI\\u009b31m \\u2066x\\u2028"}');
    expect(JSON.parse(shown)).toEqual(value);
  });
});

test('durations read in ms, then seconds; latency figures stay in ms to 0.1', () => {
  expect([formatDuration(12.4), formatDuration(1500)]).toEqual(['12 ms', '1.50 s']);
  expect([formatMs(12.46), formatMs(1500)]).toEqual(['12.5 ms', '1500 ms']);
});

describe('didYouMean: the hint for an option name', () => {
  const options = ['baseUrl', 'timeoutMs', 'maxBodyBytes', 'reports', 'repeat'];
  it.each([
    ['timeout', 'did you mean timeoutMs? '], // cut short: three edits, yet only one option begins so
    ['maxBody', 'did you mean maxBodyBytes? '],
    ['baseURL', 'did you mean baseUrl? '],
    ['rep', ''], // begins two: no guess
    ['', ''],
    ['colour', ''],
  ])('%j → %j', (typed, hint) => {
    expect(didYouMean(typed, options)).toBe(hint);
  });
});

describe('closestName: the name a typo most likely meant', () => {
  const names = ['base-url', 'fuzz-runs', 'allow-writes', 'allow-live-writes', 'run', 'mock', 'merge', 'ZAVU_API_KEY', 'ZAVU_RATE', 'ZAVU_REPEAT', 'ZAVU_SEED', 'ZAVU_SPEC'];
  it.each([
    ['fuzz-run', 'fuzz-runs'], // one left out
    ['base-ur', 'base-url'],
    ['alow-writes', 'allow-writes'],
    ['rnu', 'run'], // two neighbours swapped: one edit
    ['zavu_api_key', 'ZAVU_API_KEY'], // letter case alone
    ['ZAVU_API_KYE', 'ZAVU_API_KEY'],
    ['ZAVU_APIKEY', 'ZAVU_API_KEY'],
  ])('%s → %s', (typed, meant) => {
    expect(closestName(typed, names)).toBe(meant);
  });

  it.each([
    ['x', 'nothing one letter long is a typo of anything'],
    ['mrg', 'two edits in a short word make another word'],
    ['ZAVU_STAGING_URL', 'a name of its own, far from every one'],
    ['ZAVU_SPED', 'as close to ZAVU_SEED as to ZAVU_SPEC: no guess'],
    ['z'.repeat(10_000), 'a long value where a name goes'],
  ])('%s → none (%s)', (typed) => {
    expect(closestName(typed, names)).toBeUndefined();
  });
});

describe('multi-line output keeps only newline and tab', () => {
  it('escapes DEL, C1 and invisible format characters with keepLines too (a curl, a multi-line message)', () => {
    expect(escapeControl('a\u007fb\u0085c\u009bd\u202ee\u200bf\u{e0041}g', { keepLines: true })).toBe('a\\u007fb\\u0085c\\u009bd\\u202ee\\u200bf\\udb40\\udc41g');
  });
});

describe('inertJson: a JSON file a viewer cannot be steered by', () => {
  it('writes DEL, C1, U+2028/U+2029 and invisible format characters as \\u escapes, which parse back to the same value', () => {
    const value = { message: 'a\u007fb\u0085c\u2028d\u2029e\u202ef\u200bg\u{e0041}h' };
    const json = inertJson(JSON.stringify(value));
    expect(json).toBe('{"message":"a\\u007fb\\u0085c\\u2028d\\u2029e\\u202ef\\u200bg\\udb40\\udc41h"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('writes the invisible characters that are no format character (Hangul fillers, variation selectors, U+034F) as \\u escapes too', () => {
    const value = { ['ad\u3164min']: 'x\ufe0f\u{e0100}\u034f\u115f' };
    const json = inertJson(JSON.stringify(value));
    expect(json).toBe('{"ad\\u3164min":"x\\ufe0f\\udb40\\udd00\\u034f\\u115f"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('inertJson: look-alike spaces and combining-mark floods', () => {
  it('writes the spaces that look like U+0020 and the marks past a character\'s fourth as \\u escapes, which parse back to the same value', () => {
    const value = { ['ad\u00a0min']: `x\u3000y\u202fz Z${'\u0336'.repeat(6)} é` };
    const json = inertJson(JSON.stringify(value));
    expect(json).toBe(`{"ad\\u00a0min":"x\\u3000y\\u202fz Z${'\u0336'.repeat(4)}\\u0336\\u0336 é"}`);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('bounds on lines the suite prints', () => {
  it('boundedLine cuts an error line at 1000 characters and says how many were left out', () => {
    expect(ERROR_LINE_LIMIT).toBe(1000);
    expect(boundedLine('e'.repeat(1000))).toBe('e'.repeat(1000));
    expect(boundedLine('e'.repeat(900_000))).toBe(`${'e'.repeat(1000)}… (899000 more characters)`);
  });

  it('cutWithSize cuts at the length asked for and names the whole length', () => {
    expect(cutWithSize('abc', 3)).toBe('abc');
    expect(cutWithSize('abcdef', 3)).toBe('abc… (6 chars)');
  });
});

describe('listed: a list said in prose', () => {
  test('none, one, two and more items, with "and" or "or"', () => {
    expect(listed([])).toBe('');
    expect(listed(['a'])).toBe('a');
    expect(listed(['a', 'b'])).toBe('a and b');
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listed(['404', '405', '501'], 'or')).toBe('404, 405 or 501');
    expect(listed(['404', '405'], 'or')).toBe('404 or 405');
  });
});

describe('withArticle', () => {
  it.each([
    ['sender', 'a sender'],
    ['agent', 'an agent'],
    ['unknown', 'an unknown'],
    ['user', 'a user'],
    ['uuid', 'a uuid'],
    ['x', 'an x'],
    ['y', 'a y'],
  ])('%s: %s', (noun, words) => {
    expect(withArticle(noun)).toBe(words);
  });
});
