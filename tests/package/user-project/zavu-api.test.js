// A user's own Jest test file (plain CommonJS, no transform): the embedded reference server as the
// target, fetch and the official SDK as clients, the Zavu matchers as assertions, and a whole
// conformance run from code. tests/package/packed-package.test.ts runs it against the packed
// tarball installed in an empty folder; the README shows it.
const { runConformance, startReferenceServer } = require('zavu-conformance');
const { zavuMatchers } = require('zavu-conformance/jest');
const { Zavudev } = require('@zavudev/sdk');

expect.extend(zavuMatchers);

let server;
beforeAll(async () => {
  server = await startReferenceServer(); // 127.0.0.1, an ephemeral port, a fresh store
});
afterAll(() => server.close());

test('fetch: a sender in coexistence mode, as the contract documents it', async () => {
  const res = await fetch(`${server.baseUrl}/v1/senders/${server.senders.coexistence[0]}/whatsapp-sync`, {
    headers: { Authorization: `Bearer ${server.apiKey}` },
  });
  expect({ status: res.status, headers: res.headers, body: await res.json() }).toMatchZavuContract('getWhatsAppSyncStatus', { status: 200 });
});

test('the official SDK: typed data, and the errors it throws are documented Zavu errors', async () => {
  const client = new Zavudev({ apiKey: server.apiKey, baseURL: server.baseUrl, maxRetries: 0 });
  const { sync } = await client.senders.whatsappSync.retrieve(server.senders.syncable);
  expect(sync.isCoexistence).toBe(true);
  await expect(client.senders.whatsappSync.retrieve(server.senders.noWaba)).rejects.toBeZavuError(400);
  await expect(client.senders.whatsappSync.retrieve('snd_does_not_exist')).rejects.toBeZavuError(404);
});

test('a broken answer fails with the check, the JSON pointer, received and expected', () => {
  const broken = { status: 200, headers: { 'content-type': 'application/json' }, body: { sync: { isCoexistence: 'yes' } } };
  expect(() => expect(broken).toMatchZavuContract('getWhatsAppSyncStatus')).toThrow(/\[response-schema\].* at \/sync\/isCoexistence\n\s+Received: "yes" \/ Expected: must be boolean/);
});

test('the whole conformance suite from code, against the same server', async () => {
  const { exitCode, report } = await runConformance({
    baseUrl: server.baseUrl,
    apiKey: server.apiKey,
    otherProjectApiKey: server.otherProjectApiKey, // without it, the isolation rows that need it are skipped: partial
    senders: server.senders,
    operation: 'getWhatsAppSyncStatus', // the read; add allowWrites for the starts
  });
  expect(exitCode).toBe(0);
  expect(report.certificate.level).toBe('full');
}, 60000);
