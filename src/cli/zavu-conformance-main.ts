#!/usr/bin/env node
/**
 * `zavu-conformance [run|mock|merge|schemas|history] [options]`: the package's one command (its `bin`).
 * The first argument picks the command; without one (or when it is a flag) it is `run`; `help [command]`
 * is that command's `--help`. Each
 * command is loaded only when chosen, so `mock`, `merge` and `schemas` never pay for Jest.
 */
import { enableCodeCache } from '../cache/code-cache';
import { UsageError } from '../model/errors';
import { closestName } from '../text/plain-text';
import { exitWith, failLine, guardOutput, hideKeysFromProcessList, holdSignalsWhileLoading, outliveClosedOutput } from './cli-support';

const PROGRAM = 'zavu-conformance';

/** The commands, in the order help lists them. */
const COMMANDS = ['run', 'mock', 'merge', 'schemas', 'history'] as const;
type CommandName = (typeof COMMANDS)[number];

/**
 * The command a word names, or one line saying which it may have meant. `help` is among the names
 * a near-miss is told (`hep`, `halp`) only where `names` holds it: the first word, not the one help is asked about.
 */
function commandNamed(word: string, names: readonly string[] = COMMANDS): CommandName {
  const command = COMMANDS.find((name) => name === word);
  if (command !== undefined) return command;
  const meant = closestName(word, names);
  throw new UsageError(`unknown command "${word}" (${meant === undefined ? '' : `did you mean ${meant}? `}commands: ${names.join(', ')}; run with --help)`);
}

/** The help flags `help` takes as asking about itself: `git help --help` is help's own page. */
const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-h']);

/** Which command argv names, and the arguments that are its own. */
function pickCommand(argv: readonly string[]): { command: CommandName; args: string[] } {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return { command: 'run', args: [...argv] };
  // `help [command]` is what `git help` and `npm help` taught a newcomer to type: that command's --help.
  if (first === 'help') {
    const [named, extra] = rest;
    if (extra !== undefined) throw new UsageError(`help takes one command name at most (${PROGRAM} help ${named}); got "${extra}"`);
    // Asked about itself (`help help`, `help --help`): the help that lists every command, the run's.
    if (named === undefined || named === 'help' || HELP_FLAGS.has(named)) return { command: 'run', args: ['--help'] };
    // A flag is no command to ask about: said so, not "one command name at most" of a call that named none.
    if (named.startsWith('-')) throw new UsageError(`help takes a command name, not a flag (${PROGRAM} help run, or ${PROGRAM} run ${named}); got "${named}"`);
    return { command: commandNamed(named), args: ['--help'] };
  }
  return { command: commandNamed(first, [...COMMANDS, 'help']), args: rest };
}

function main(argv: readonly string[]): void {
  let picked: { command: CommandName; args: string[] };
  try {
    picked = pickCommand(argv);
  } catch (error) {
    exitWith(failLine(PROGRAM, error));
    return;
  }
  const { command, args } = picked;
  const fail = (error: unknown): void => exitWith(failLine(`${PROGRAM} ${command}`, error));
  switch (command) {
    case 'run':
      // A Ctrl-C while they load is the run's to answer (NOT RUN), not Node's default death.
      holdSignalsWhileLoading();
      // Before the run's modules load: with Jest's, some 3 MB of JavaScript compiled on every run otherwise.
      enableCodeCache('run');
      (require('./conformance-main') as typeof import('./conformance-main')).runCommand(args).then(exitWith, fail);
      return;
    case 'merge':
      // As for run: a signal while merge's modules load is the merge's to answer (NOT RUN in OUT).
      holdSignalsWhileLoading();
      (require('./merge-main') as typeof import('./merge-main')).mergeCommand(args).then(exitWith, fail);
      return;
    case 'history':
      (require('./history-main') as typeof import('./history-main')).historyCommand(args).then(exitWith, fail);
      return;
    case 'schemas':
      try {
        (require('./schemas-main') as typeof import('./schemas-main')).schemasCommand(args, process.cwd());
      } catch (error) {
        process.exitCode = failLine(`${PROGRAM} schemas`, error);
      }
      return;
    case 'mock':
      // Not exitWith: the server keeps the process alive until a signal closes it.
      (require('./mock-main') as typeof import('./mock-main')).runMock(args);
      return;
  }
}

outliveClosedOutput();
guardOutput();
hideKeysFromProcessList();
main(process.argv.slice(2));
