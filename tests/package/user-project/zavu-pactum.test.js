// A user's own PactumJS specs (run by Jest here; plain CommonJS): the Zavu expect handlers
// registered on the user's own pactum, the embedded reference server as the target.
// tests/package/packed-package.test.ts runs it against the packed tarball installed beside pactum.
const { spec, handler } = require('pactum');
const { startReferenceServer } = require('zavu-conformance');
const { registerZavuHandlers } = require('zavu-conformance/pactum');

registerZavuHandlers(handler); // 'zavuContract' and 'zavuError'

let server;
let sync; // the URL of a sender's WhatsApp sync status
beforeAll(async () => {
  server = await startReferenceServer();
  sync = (senderId) => `${server.baseUrl}/v1/senders/${senderId}/whatsapp-sync`;
});
afterAll(() => server.close());

test('a sender in coexistence mode, as the contract documents it', async () => {
  await spec()
    .get(sync(server.senders.coexistence[0]))
    .withHeaders('Authorization', `Bearer ${server.apiKey}`)
    .expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 });
});

test('documented errors: an unknown sender, a missing key', async () => {
  await spec().get(sync('snd_does_not_exist')).withHeaders('Authorization', `Bearer ${server.apiKey}`).expect('zavuError', 404);
  await spec().get(sync(server.senders.syncable)).expect('zavuError', { status: 401, operationId: 'getWhatsAppSyncStatus' });
});

test('an answer the spec does not expect fails with the check, received and expected', async () => {
  const notFound = spec().get(sync('snd_does_not_exist')).withHeaders('Authorization', `Bearer ${server.apiKey}`).inspect(false);
  await expect(notFound.expect('zavuContract', { operationId: 'getWhatsAppSyncStatus', status: 200 }).toss()).rejects.toThrow(
    /\[status-code-expected\] Expected status 200, received 404/,
  );
});
