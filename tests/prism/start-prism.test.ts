/** The Prism launcher: it fails fast and says why, and close() leaves no process behind. */
import { request } from 'node:http';
import { join } from 'node:path';
import { startPrism } from '../support/prism';
import { repoRoot } from '../support/run-cli';

function refused(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/`, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(false);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(true));
    req.end();
  });
}

test('a spec that does not exist: rejects with Prism\'s own words, well inside the start bound', async () => {
  const started = Date.now();
  await expect(startPrism(join(repoRoot, 'specs/no-such-spec.yaml'), { startTimeoutMs: 20000 })).rejects.toThrow(/Prism exited before answering[\s\S]*ENOENT/);
  expect(Date.now() - started).toBeLessThan(15000);
});

test('started, it answers on 127.0.0.1 with the spec example; closed, the port is refused', async () => {
  const prism = await startPrism(join(repoRoot, 'specs/whatsapp-sync.openapi.yaml'));
  try {
    expect(prism.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${prism.baseUrl}/v1/senders/snd_x/whatsapp-sync`, { headers: { authorization: 'Bearer zv_test_x' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sync: { isCoexistence: true, status: 'active' } });
  } finally {
    await prism.close();
    await prism.close(); // twice is fine
  }
  expect(await refused(prism.baseUrl)).toBe(true);
});
