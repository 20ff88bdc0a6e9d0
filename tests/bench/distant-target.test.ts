/**
 * The bench's distant target: a delaying TCP proxy before the embedded reference server. It must
 * pass every exchange through intact (the bench's figures are of conformant runs), and close with
 * connections still open.
 */
import { request } from 'node:http';
import { startDistantTarget } from '../../src/bench/distant-target';

function get(url: string, headers: Record<string, string>, agent: import('node:http').Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('passes exchanges through intact, several on one kept-alive connection, and closes with it still open', async () => {
  const target = await startDistantTarget(2);
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const sender = target.env['ZAVU_SENDER_NO_WABA'] ?? '';
    const auth = { authorization: `Bearer ${target.env['ZAVU_API_KEY'] ?? ''}` };
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await get(`${target.baseUrl}/v1/senders/${sender}/whatsapp-sync`, auth, agent));
    answers.push(await get(`${target.baseUrl}/v1/senders/${sender}/whatsapp-sync`, {}, agent));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 401]);
    expect(JSON.parse(answers[0]?.body ?? '{}')).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(target.env['ZAVU_SENDER_OTHER_PROJECT_WRITABLE']).toBe('1');
  } finally {
    await target.close();
    agent.destroy();
  }
});

test("a new connection's first exchange waits a handshake's round trip more than one on a kept-alive connection", async () => {
  const delayMs = 40;
  const target = await startDistantTarget(delayMs);
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const url = `${target.baseUrl}/v1/senders/${target.env['ZAVU_SENDER_NO_WABA'] ?? ''}/whatsapp-sync`;
    const timed = async (): Promise<number> => {
      const started = process.hrtime.bigint();
      expect((await get(url, {}, agent)).status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Lower bounds only (timers never fire early; a loaded machine only adds): request and answer
    // each one way, and a new connection's request a round trip more.
    expect(await timed()).toBeGreaterThanOrEqual(4 * delayMs - 1);
    expect(await timed()).toBeGreaterThanOrEqual(2 * delayMs - 1);
  } finally {
    await target.close();
    agent.destroy();
  }
});
