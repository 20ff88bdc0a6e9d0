/**
 * A live run under a spec whose `servers` entry puts a path before its operations' (a new
 * description that moved the API to https://api.zavu.dev/api) while --base-url holds no such path:
 * every request would go where the contract says nothing is, and each answer (a router's 404) be
 * judged as the API's. The suite never follows `servers` (the target is --base-url, the user's),
 * so it says which of the two counts, before the cases.
 */
import { displayTarget, type RunConfig } from '../config/run-config';
import { missesServerPath } from '../openapi/server-path';

/** [] or the one note: a run on the embedded server or a replay sends nothing under --base-url. */
export function serverPathNote(config: Pick<RunConfig, 'baseUrl' | 'mode' | 'labels'>, serverPath: string | undefined): string[] {
  if (serverPath === undefined || config.baseUrl === undefined || config.mode === 'replay') return [];
  if (!missesServerPath(config.baseUrl, serverPath)) return [];
  const flag = config.labels?.baseUrl ?? '--base-url';
  return [`the spec's servers entry serves its paths under ${serverPath}; requests go to ${flag} as given (${displayTarget(config.baseUrl)}), each operation's path appended, and ${flag} is what counts: add ${serverPath} to it if the API is served there`];
}
