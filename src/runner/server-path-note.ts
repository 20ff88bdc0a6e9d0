/**
 * A live run under a spec whose `servers` entries put a path before its operations' (a new
 * description that moved the API to https://api.zavu.dev/api) while --base-url holds none of them:
 * every request would go where the contract says nothing is, and each answer (a router's 404) be
 * judged as the API's. The suite never follows `servers` (the target is --base-url, the user's),
 * so it says which of the two counts, before the cases.
 */
import { displayTarget, type RunConfig } from '../config/run-config';
import { missesServerPath } from '../openapi/server-path';
import { listedFirst } from '../text/shown-and-rest';

/** The longest path said, and how many: the spec is the user's file. */
const SHOWN = 200;
const SHOWN_PATHS = 3;

/**
 * [] or the one note: a run on the embedded server or a replay sends nothing under --base-url.
 * The setting is named as its user gave it (`labels.baseUrl`: the flag, ZAVU_BASE_URL, the
 * Action's input, a run from code's `baseUrl` option).
 */
export function serverPathNote(config: Pick<RunConfig, 'baseUrl' | 'mode' | 'labels'>, serverPaths: readonly string[] | undefined): string[] {
  if (serverPaths === undefined || config.baseUrl === undefined || config.mode === 'replay') return [];
  if (!missesServerPath(config.baseUrl, serverPaths)) return [];
  const flag = config.labels?.baseUrl ?? '--base-url';
  const shown = serverPaths.map((path) => (path.length > SHOWN ? `${path.slice(0, SHOWN)}…` : path));
  const paths = listedFirst(shown, SHOWN_PATHS, 'or');
  const entry = serverPaths.length === 1 ? "the spec's servers entry serves" : "the spec's servers entries serve";
  return [`${entry} its paths under ${paths}; requests go to ${flag} as given (${displayTarget(config.baseUrl)}), each operation's path appended, and ${flag} is what counts: add ${serverPaths.length === 1 ? shown[0] ?? '' : 'one'} to it if the API is served there`];
}
