/**
 * action.yml read as GitHub reads it, and its `${{ … }}` expressions evaluated for the few
 * contexts the action uses (inputs, steps.<id>.outputs, runner.temp), so a test can run its shell
 * steps on this machine as a runner would.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../support/run-cli';

export interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

export interface ActionMetadata {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description?: string; value?: string }>;
  runs?: { using?: string; steps?: ActionStep[] };
}

export function readAction(): ActionMetadata {
  return parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionMetadata;
}

/** What expressions can see while the steps run. */
export interface ExpressionContext {
  inputs: Record<string, string>;
  steps: Record<string, Record<string, string>>;
  runnerTemp: string;
}

/** Every `${{ expr }}` of a text, trimmed. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((m) => m[1] ?? '');
}

/** Evaluates the one expression form the action's env blocks use: a context path. Anything else is an error. */
function valueOf(expression: string, context: ExpressionContext): string {
  const input = /^inputs\.([\w-]+)$/.exec(expression);
  if (input) return context.inputs[input[1] ?? ''] ?? '';
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
  if (output) return context.steps[output[1] ?? '']?.[output[2] ?? ''] ?? '';
  if (expression === 'runner.temp') return context.runnerTemp;
  throw new Error(`expression not understood by this test: ${expression}`);
}

export function substitute(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, expression: string) => valueOf(expression, context));
}

/** `name=value` lines of a GITHUB_OUTPUT file (the action writes no multi-line values). */
export function parseOutputs(text: string): Record<string, string> {
  return Object.fromEntries(text.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/**
 * A step's `if:` as the runner reads it, for the one form the action's upload step uses:
 * `always()` and `inputs.<name> == '<text>'` joined by `&&`. GitHub ignores case when it compares
 * strings (its expressions reference), so `'TRUE' == 'true'` holds there and here; anything else is an error.
 */
export function evaluateCondition(condition: string, context: ExpressionContext): boolean {
  return condition.split('&&').every((term) => {
    const part = term.trim();
    if (part === 'always()') return true;
    const [, name, text] = /^inputs\.([\w-]+) == '([^']*)'$/.exec(part) ?? [];
    if (name === undefined || text === undefined) throw new Error(`condition not understood by this test: ${part}`);
    return (context.inputs[name] ?? '').toLowerCase() === text.toLowerCase();
  });
}
