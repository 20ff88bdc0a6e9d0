/** The `senders` option → the fixture variables the fixture files name for each role. */
import { UsageError } from '../model/errors';
import { loadRegistry } from '../registry/load-registry';
import type { SenderOptions } from './options';

/**
 * `{ noWaba: 'snd_x' }` → `{ ZAVU_SENDER_NO_WABA: 'snd_x' }`, the variable named by the role in the
 * fixture files, so a role added to the data is an option here with no code. Lists are joined with
 * commas, as the variables take them.
 */
export function senderEnv(senders: SenderOptions, operationsDir: string, fixturesDir: string): Record<string, string> {
  const { roles } = loadRegistry(operationsDir, fixturesDir);
  const withEnv = [...roles.values()].filter((declared) => declared.role.env !== undefined).map((declared) => declared.name);
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(senders) as [string, string | readonly string[] | undefined][]) {
    if (value === undefined) continue;
    const variable = roles.get(name)?.role.env;
    if (variable === undefined) throw new UsageError(`senders.${name}: no such fixture role (roles: ${withEnv.join(', ')})`);
    env[variable] = typeof value === 'string' ? value : value.join(',');
  }
  return env;
}
