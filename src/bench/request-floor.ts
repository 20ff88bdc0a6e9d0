/**
 * The floor under the full run's figure: the run's own requests as bare node:http round trips,
 * with nothing built, checked or reported. `bare-jest-main.js --round-trips N` adds them to the
 * bare Jest run, in the same fresh process: what a run with Jest and that many requests costs
 * before the suite does anything, and so the lowest ratio to the peer gate such a run can reach.
 * Only node:http here: anything more loaded would count in the bare Jest figure.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A short JSON error, as most of the run's answers are (the negative inputs' 404s); short paths too: a floor. */
const ANSWER = Buffer.from('{"code":"not_found","message":"Sender not found"}');

/**
 * `count` GETs, one after another on one kept-alive connection, to a node:http server in this
 * process; resolves to the number answered 404 (all of them, unless something is wrong).
 */
export async function bareRoundTrips(count: number): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(ANSWER.length) }).end(ANSWER);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let answered = 0;
  try {
    for (let i = 0; i < count; i += 1) {
      const status = await new Promise<number>((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: `/v1/senders/snd_${i}/whatsapp-sync`, agent, headers: { accept: 'application/json', authorization: 'Bearer k' } }, (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? 0));
        });
        req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
        req.on('error', fail);
        req.end();
      });
      if (status === 404) answered += 1;
    }
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  return answered;
}
