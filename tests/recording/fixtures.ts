/** Sample exchanges and a sample recorded run for the recording tests. */
import type { AuthVariant, Exchange } from '../../src/model';
import { createScrubber } from '../../src/recording/scrub';
import { fromHarEntry, toHarEntry } from '../../src/recording/har-entry';
import { buildHar } from '../../src/recording/har-file';
import type { LoadedRecording } from '../../src/recording/read-recordings';
import type { ZavuEntry, ZavuHar } from '../../src/recording/zavu-fields';

/** Shaped like a real key, long enough for every base64 alignment to be checked. */
export const apiKey = 'zv_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

export const syncBodyText = JSON.stringify({ sync: { isCoexistence: true, status: 'active' } });

export interface SampleOptions {
  id?: string;
  sender?: string;
  auth?: AuthVariant;
  status?: number;
  bodyText?: string;
  startedAt?: string;
  error?: Exchange['error'];
}

/** An exchange as the live transport returns it, real key in the Authorization header. */
export function sampleExchange(options: SampleOptions = {}): Exchange {
  const path = `/v1/senders/${encodeURIComponent(options.sender ?? 'snd_coex_1')}/whatsapp-sync`;
  const exchange: Exchange = {
    id: options.id ?? 'coexistence[snd_coex_1]',
    request: {
      method: 'GET',
      url: `https://api.example.test${path}`,
      path,
      headers: { accept: 'application/json', authorization: `Bearer ${apiKey}` },
      authVariant: options.auth ?? 'valid',
    },
    startedAt: options.startedAt ?? '2026-01-02T03:04:05.678Z',
    durationMs: 87,
  };
  if (options.error) exchange.error = options.error;
  else exchange.response = { status: options.status ?? 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' }, bodyText: options.bodyText ?? syncBodyText };
  return exchange;
}

/** The scrubbed entry of a sample exchange. */
export function sampleEntry(options: SampleOptions & { scenario?: string } = {}): ZavuEntry {
  const exchange = sampleExchange(options);
  return toHarEntry(exchange, { caseId: exchange.id, scenario: options.scenario ?? 'coexistence', authVariant: exchange.request.authVariant }, createScrubber([apiKey]));
}

/** A small recorded run: a 200, a 401 without key, an unknown sender, a transport error, one skip. */
export function sampleHar(): ZavuHar {
  return buildHar(
    [
      sampleEntry(),
      sampleEntry({ id: 'auth-none', scenario: 'auth-none', auth: 'none', status: 401, bodyText: '{"code":"unauthorized","message":"Missing API key"}' }),
      sampleEntry({ id: 'unknown-sender', scenario: 'unknown-sender', sender: 'snd_unknown_4f2a', status: 404, bodyText: '{"code":"not_found","message":"Sender not found"}' }),
      sampleEntry({ id: 'auth-basic', scenario: 'auth-basic', auth: 'basic', error: { kind: 'reset', message: 'ECONNRESET: socket hang up' } }),
    ],
    { skipped: [{ caseId: 'no-waba', scenario: 'no-waba', reason: 'ZAVU_SENDER_NO_WABA is not set' }], sent: ['coexistence[snd_coex_1]', 'auth-none', 'unknown-sender', 'auth-basic'], suiteVersion: '0.1.0', target: 'https://api.example.test', recordedAt: '2026-01-02T03:04:00.000Z' },
  );
}

/** The sample run as readRecordings would load it from `file`. */
export function loadedSample(file = 'fixtures/run.har'): LoadedRecording {
  const har = sampleHar();
  return { file, target: har.log._zavu.target, skipped: har.log._zavu.skipped, repeat: 1, suiteVersion: har.log.creator.version, entries: har.log.entries.map((entry, index) => ({ index, ...fromHarEntry(entry) })) };
}
