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
