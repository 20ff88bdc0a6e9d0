/**
 * The first interruption's clean-up is not cut short by a second signal: a process ended half-way
 * through it left part of the old verdict. Each case is a child process that signals itself.
 */
import { failLine, givenInputs, givenKeys, versionLine } from '../../src/cli/cli-support';
import { fileSystemProblem } from '../../src/files/make-dirs';
import { DataError } from '../../src/model/errors';
import { requireBuilt, runInChild } from '../support/in-child';

/** Runs `body` in a node process with onFirstSignal in scope; its stdout and how it ended. */
const child = (body: string) => runInChild(`const { onFirstSignal } = ${requireBuilt('cli/cli-support.js')};\n${body}`);

/** A synchronous wait: the clean-up of a real interruption is synchronous file work. */
const BUSY = 'const until = Date.now() + 300; while (Date.now() < until) {}';

test('a second signal during the first one\'s handler is held off until the handler returns', () => {
  const ran = child(`
    onFirstSignal(['SIGUSR2'], () => { process.kill(process.pid, 'SIGUSR2'); ${BUSY} process.stdout.write('cleaned up'); });
    process.kill(process.pid, 'SIGUSR2');
    setTimeout(() => process.stdout.write(' and lived on'), 100);`);
  expect(ran.signal).toBeNull();
  expect(ran.stdout).toBe('cleaned up and lived on');
});

test('after the handler returns, a second signal ends the process at once, as node does by default', () => {
  const ran = child(`
    onFirstSignal(['SIGUSR2'], () => process.stdout.write('handled'));
    process.kill(process.pid, 'SIGUSR2');
    setTimeout(() => process.kill(process.pid, 'SIGUSR2'), 50);
    setTimeout(() => process.stdout.write(' never'), 2000);`);
  expect(ran.signal).toBe('SIGUSR2');
  expect(ran.stdout).toBe('handled');
});

test('failLine does not fail in turn: a message that cannot be checked for the key is not shown, the exit code stands', () => {
  // The scrubber made to throw, as building it once did for a key cut in the middle of an emoji.
  const ran = runInChild(`
    const scrub = ${requireBuilt('runner/scrub-result.js')};
    scrub.textScrubber = () => { throw new URIError('URI malformed'); };
    const { failLine } = ${requireBuilt('cli/cli-support.js')};
    const { ConformanceError, UnreachableError } = ${requireBuilt('model/errors.js')};
    const codes = [failLine('zavu-conformance', new UnreachableError('target down, key zv_test_secret', 'ECONNREFUSED')), failLine('zavu-conformance', new Error('bug'))];
    process.stdout.write(JSON.stringify(codes));`, { ZAVU_API_KEY: 'zv_test_secret', ZAVU_DEBUG: '1' });
  expect(JSON.parse(ran.stdout)).toEqual([3, 2]);
  expect(ran.stderr).toBe('zavu-conformance: (the message is not shown: it could not be checked for the API key)\nzavu-conformance: internal error: (the message is not shown: it could not be checked for the API key) (set ZAVU_DEBUG=1 for details)\n');
});

test('a filesystem refusal met during a run is named with its file, not called an internal error', () => {
  const renamed = Object.assign(new Error("EPERM: operation not permitted, rename '/r/.summary.md.1.tmp' -> '/r/summary.md'"), { code: 'EPERM', path: '/r/.summary.md.1.tmp', dest: '/r/summary.md' });
  expect(fileSystemProblem(renamed)).toBe('/r/summary.md: operation not permitted (an immutable or protected file?) (EPERM)');
  expect(fileSystemProblem(Object.assign(new Error('x'), { code: 'ENOSPC', path: '/r/junit.xml' }))).toBe('/r/junit.xml: no space left on the device (ENOSPC)');
  expect(fileSystemProblem(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe('a file: permission denied (EACCES)');
  expect(fileSystemProblem(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeUndefined();
  expect(fileSystemProblem(new Error('bug'))).toBeUndefined();
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(failLine('zavu-conformance run', renamed)).toBe(2);
    expect(stderr.mock.calls.map(([text]) => String(text))).toEqual(['zavu-conformance run: /r/summary.md: operation not permitted (an immutable or protected file?) (EPERM)\n']);
  } finally {
    stderr.mockRestore();
  }
});

test('a DataError: each problem its own line after the first, at most 20, then how many more; no key, no control character, exit 2', () => {
  const problems = Array.from({ length: 23 }, (_, i) => ({ file: 'ops/x/scenarios.json', pointer: `/scenarios/${i}`, line: `ops/x/scenarios.json: /scenarios/${i} names family "f${i}\u001b[2J zv_test_secret1234"` }));
  const previous = process.env['ZAVU_API_KEY'];
  process.env['ZAVU_API_KEY'] = 'zv_test_secret1234';
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(failLine('zavu-conformance run', new DataError(problems))).toBe(2);
    const lines = stderr.mock.calls.map(([text]) => String(text));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toMatch(/^zavu-conformance run: ops\/x\/scenarios\.json: \/scenarios\/0 names family "f0.*" \(and 22 more data errors\)\n$/);
    expect(lines[19]).toMatch(/^zavu-conformance run: ops\/x\/scenarios\.json: \/scenarios\/19 /);
    expect(lines[20]).toBe('zavu-conformance run: and 3 more\n');
    expect(lines.join('')).not.toContain('zv_test_secret1234');
    expect(lines.join('')).not.toContain('\u001b');
  } finally {
    stderr.mockRestore();
    if (previous === undefined) delete process.env['ZAVU_API_KEY'];
    else process.env['ZAVU_API_KEY'] = previous;
  }
  // Twenty in all: every one said, and no count.
  const twenty = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    failLine('zavu-conformance run', new DataError(problems.slice(0, 20)));
    expect(twenty.mock.calls.map(([text]) => String(text)).slice(-1)).toEqual([expect.stringMatching(/\/scenarios\/19 /)]);
    expect(twenty.mock.calls).toHaveLength(20);
  } finally {
    twenty.mockRestore();
  }
  // Twenty-one: the last one shown in the place "and 1 more" would take, never that count.
  const one = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    failLine('zavu-conformance run', new DataError(problems.slice(0, 21)));
    const lines = one.mock.calls.map(([text]) => String(text));
    expect(lines).toHaveLength(21);
    expect(lines[20]).toMatch(/^zavu-conformance run: ops\/x\/scenarios\.json: \/scenarios\/20 /);
    expect(lines.join('')).not.toMatch(/and \d+ more\n/);
  } finally {
    one.mockRestore();
  }
});

test('the inputs a raw command line names, as it names keys: every --baseline in either spelling and ZAVU_BASELINE, resolved', () => {
  expect(givenInputs(['--fuzz-run', '3', '--baseline', 'r/conformance.json', '--baseline=b.json'], { ZAVU_BASELINE: 'e.json' }, '/w')).toEqual(['/w/r/conformance.json', '/w/b.json', '/w/e.json']);
  expect(givenInputs(['--baseline'], {}, '/w')).toEqual([]);
  expect(givenKeys(['--api-key', 'k1', '--api-key=k2', '--api-key'], { ZAVU_API_KEY: ' k0 ' })).toEqual(['k0', 'k1', 'k2']);
  // A word shaped like a key, wherever it stands: a key given without its flag is echoed by the error that refuses it.
  expect(givenKeys(['zv_test_abcdefgh12', '--operation=zv_live_ABCDEFGH99', 'ZAVU_API_KEY=zv_test_Zz0123456789', 'zv_test_short', 'xzv_test_abcdefgh12', '--reports', 'zv_run_20240501'], {})).toEqual(['zv_test_abcdefgh12', 'zv_live_ABCDEFGH99', 'zv_test_Zz0123456789']);
  // And in any variable's value: a secret mapped to the wrong variable is quoted by the error that refuses it.
  expect(givenKeys([], { ZAVU_API_KEY: 'k0', ZAVU_TIMEOUT_MS: 'zv_live_ABCDEFGH99', ZAVU_REPORTS_DIR: 'zv_run_20240501', PATH: '/bin' })).toEqual(['k0', 'zv_live_ABCDEFGH99']);
});

test('failLine writes one line: a carriage return, an escape sequence or a bidi override in a message acts on no terminal (workflow commands are guardOutput\'s)', () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const { ConformanceError } = require('../../src/model/errors') as typeof import('../../src/model/errors');
    failLine('zavu-conformance run', new ConformanceError('target said "x ##[set-output name=level]full \u001b[2J\u202eevil"', 2));
    // An error of no known kind is shown by its first line: up to "\n", where a runner also splits at "\r".
    failLine('zavu-conformance run', new Error('bug\r::error::pwned'));
    expect(stderr.mock.calls.map(([text]) => String(text))).toEqual([
      'zavu-conformance run: target said "x ##[set-output name=level]full \\u001b[2J\\u202eevil"\n',
      'zavu-conformance run: internal error: bug\\r::error::pwned (set ZAVU_DEBUG=1 for details)\n',
    ]);
  } finally {
    stderr.mockRestore();
  }
});

test('guardOutput: nothing written to stdout or stderr, in any piece or form, is a workflow command for a CI runner; everything else passes as written', () => {
  const ran = runInChild(`const { guardOutput, failLine } = ${requireBuilt('cli/cli-support.js')};
    guardOutput();
    process.stdout.write('ok \u00e9\\n  :');
    process.stdout.write(':error::pwned\\n');
    // A command completed in the next write, a character split between two, another encoding.
    process.stdout.write(Buffer.from('x #'));
    process.stdout.write(Buffer.from('#[set-output name=level]full \u00e9\\n::add-mask::m\\n').subarray(0, 30));
    process.stdout.write(Buffer.from('#[set-output name=level]full \u00e9\\n::add-mask::m\\n').subarray(30));
    process.stdout.write(Buffer.from('::warning::b64\\n').toString('base64'), 'base64');
    process.stdout.write('done', () => process.stderr.write('called back\\n'));
    const { ConformanceError } = ${requireBuilt('model/errors.js')};
    failLine('zavu-conformance run', new ConformanceError('target said "::error::x ##[y]"', 2));`);
  expect(ran.status).toBe(0);
  expect(ran.stdout).toBe('ok \u00e9\n  :\\u003aerror::pwned\nx ##\\u005bset-output name=level]full \u00e9\n:\\u003aadd-mask::m\n:\\u003awarning::b64\ndone');
  expect(ran.stderr).toBe('zavu-conformance run: target said "::error::x ##\\u005by]"\ncalled back\n');
});

test('failLine bounds its line: a message quoting a huge value (a 900 KB line of .env) is cut, saying how much was left out', () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const { ConformanceError } = require('../../src/model/errors') as typeof import('../../src/model/errors');
    failLine('zavu-conformance run', new ConformanceError(`bad value ${'v'.repeat(900_000)}`, 2));
    const [line] = stderr.mock.calls.map(([text]) => String(text));
    expect(line?.length).toBeLessThan(1100);
    expect(line).toMatch(/… \(899\d{3} more characters\)\n$/);
  } finally {
    stderr.mockRestore();
  }
});

test('ZAVU_DEBUG=1 adds the stack of an internal error, without the key, each line inert and bounded, the count of lines too; without it, or set to no on/off value, no stack', () => {
  const script = `const { failLine } = ${requireBuilt('cli/cli-support.js')};
    const error = new Error('bug near zv_test_secret\\r\\u001b[2J\\u202eevil\\nsecond line ' + 'x'.repeat(5000) + '\\n' + Array.from({ length: 200 }, (_, i) => 'line ' + i).join('\\n'));
    process.stdout.write(String(failLine('zavu-conformance', error)));`;
  const debug = runInChild(script, { ZAVU_API_KEY: 'zv_test_secret', ZAVU_DEBUG: '1' });
  expect(debug.stdout).toBe('2');
  const [first, ...stack] = debug.stderr.trimEnd().split('\n');
  expect(first).toBe('zavu-conformance: internal error: bug near [REDACTED]\\r\\u001b[2J\\u202eevil (set ZAVU_DEBUG=1 for details)');
  expect(stack[0]).toBe('Error: bug near [REDACTED]\\r\\u001b[2J\\u202eevil');
  expect(debug.stderr).not.toContain('zv_test_secret');
  expect(debug.stderr).not.toMatch(/[\r\u001b\u202e]/);
  expect(stack[1]).toBe(`second line ${'x'.repeat(988)}… (4012 more characters)`);
  expect(stack).toHaveLength(61);
  expect(stack[60]).toMatch(/^ {4}… \(\d+ more lines\)$/);
  for (const ZAVU_DEBUG of ['', 'verbose']) {
    const plain = runInChild(script, { ZAVU_API_KEY: 'zv_test_secret', ZAVU_DEBUG });
    expect(plain.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }
});

test('ZAVU_DEBUG=1: a stack of exactly the bound (60 lines) is shown whole, with no "0 more lines" note', () => {
  const script = `const { failLine } = ${requireBuilt('cli/cli-support.js')};
    const error = new Error('bug');
    error.stack = Array.from({ length: 60 }, (_, i) => 'frame ' + i).join('\\n');
    failLine('zavu-conformance', error);`;
  const debug = runInChild(script, { ZAVU_DEBUG: '1' });
  const [, ...stack] = debug.stderr.trimEnd().split('\n');
  expect(stack).toEqual(Array.from({ length: 60 }, (_, i) => `frame ${i}`));
});

test('--version names the build beside the version when the dist has one (a bug report then says which 0.2.0); a dist without it, the version alone', () => {
  expect(versionLine('0.2.0', '0123456789ab')).toBe('0.2.0 (build 0123456789ab)\n');
  expect(versionLine('0.2.0', undefined)).toBe('0.2.0\n');
});
