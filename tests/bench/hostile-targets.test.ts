import { request, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { bombHostility, gzipBomb, startHostileTarget, undeclaredHostility } from '../../src/bench/hostile-targets';

/** A GET with the key, body as received (no decoding). */
function get(url: string, key: string): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${key}` }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test('the gzip bomb is about 1 MiB: sixteen equal gzip members of 64 MiB of zeros each (1 GiB decoded)', () => {
  const bomb = gzipBomb();
  expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
  const size = bomb.length / 16;
  const members = Array.from({ length: 16 }, (_, i) => bomb.subarray(i * size, (i + 1) * size));
  expect(members.every((member) => member.equals(members[0] ?? Buffer.alloc(0)))).toBe(true);
  const decoded = gunzipSync(members[0] ?? Buffer.alloc(0));
  expect(decoded.length).toBe(64 * 1024 * 1024);
  expect(decoded.equals(Buffer.alloc(decoded.length))).toBe(true);
  // Back to back, members decode as one body (RFC 1952 §2.2): two of them give twice the zeros.
  expect(gunzipSync(bomb.subarray(0, 2 * size)).length).toBe(128 * 1024 * 1024);
});

test('a hostile target answers the one targeted read with its hostility and forwards the rest', async () => {
  const target = await startHostileTarget(undeclaredHostility(3));
  try {
    const key = target.env['ZAVU_API_KEY'] ?? '';
    const read = `${target.baseUrl}/v1/senders/snd_coex_active/whatsapp-sync`;
    // Without the key first: only a valid-key read is the targeted one.
    const refused = await get(read, 'zv_test_notthekey000000000000000000000000');
    expect(refused.status).toBe(401);
    const hostile = await get(read, key);
    const sync = (JSON.parse(hostile.bytes.toString()) as { sync: Record<string, unknown> }).sync;
    expect(sync).toMatchObject({ extra0: 0, extra1: 1, extra2: 2, status: 'active' });
    const other = await get(`${target.baseUrl}/v1/senders/${target.env['ZAVU_SENDER_NO_WABA'] ?? ''}/whatsapp-sync`, key);
    expect(other.status).toBe(400);
    expect(other.bytes.toString()).not.toContain('extra0');
    // The run reads that sender with the key five times (its sequences, then the coexistence case):
    // the first alone is hostile, so a run meets one hostile answer, as the bench means.
    for (let i = 0; i < 4; i += 1) {
      const again = await get(read, key);
      expect(again.status).toBe(200);
      expect(again.bytes.toString()).not.toContain('extra0');
      expect((JSON.parse(again.bytes.toString()) as { sync: { status: string } }).sync.status).toBe('active');
    }
  } finally {
    await target.close();
  }
});

test('the bomb is sent as gzip with its length', async () => {
  const bomb = Buffer.from('not really a bomb');
  const target = await startHostileTarget(bombHostility(bomb));
  try {
    const res = await get(`${target.baseUrl}/v1/senders/snd_coex_active/whatsapp-sync`, target.env['ZAVU_API_KEY'] ?? '');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.bytes).toEqual(bomb);
  } finally {
    await target.close();
  }
});
