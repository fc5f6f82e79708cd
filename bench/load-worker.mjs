/**
 * The load generator of the ingest benchmark, on a thread of its own (bench/ingest.ts): the clients a server
 * answers are never on its own event loop, so neither the app nor the floor pays for them there. `n` POSTs of
 * generated submissions with `concurrency` clients, each timed from send to the end of the response body. Plain
 * JavaScript: a worker thread does not get tsx's loader.
 *
 * The clients use node:http with a keep-alive agent (one connection per client), not fetch: the generator shares
 * the machine's two cores with the servers it measures, and fetch (undici, WHATWG streams) cost it about 1 ms of
 * CPU per request, as much as a third of what the app itself spends on one.
 */
import http from "node:http";
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ url: string; n: number; concurrency: number; tag: string; topic: string; expect: number }} */
const { url, n, concurrency, tag, topic, expect } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);

/** One POST; resolves with the status once the whole response body has arrived. */
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** @type {number[]} */
const lat = [];
let next = 0;
let errors = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      const body = JSON.stringify({ topic, message: `Question ${tag}-${i} about the bus schedule on Elm Street`, name: "Pat", email: `p${tag}-${i}@example.com` });
      const s = performance.now();
      const status = await post(body).catch(() => 0);
      if (status !== expect) errors++;
      lat.push(performance.now() - s);
    }
  }),
);
agent.destroy();
parentPort?.postMessage({ lat, errors, ms: performance.now() - t0 });
