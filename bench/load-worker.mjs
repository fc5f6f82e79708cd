/**
 * The load generator of the ingest benchmark, on a thread of its own (bench/ingest.ts): the clients a server
 * answers are never on its own event loop, so neither the app nor the floor pays for them there. `n` POSTs of
 * generated submissions with `concurrency` clients, each timed from send to the end of the response body. Plain
 * JavaScript: a worker thread does not get tsx's loader.
 */
import { parentPort, workerData } from "node:worker_threads";

/** @type {{ url: string; n: number; concurrency: number; tag: string; topic: string; expect: number }} */
const { url, n, concurrency, tag, topic, expect } = workerData;
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
      const body = { topic, message: `Question ${tag}-${i} about the bus schedule on Elm Street`, name: "Pat", email: `p${tag}-${i}@example.com` };
      const s = performance.now();
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      await res.arrayBuffer();
      if (res.status !== expect) errors++;
      lat.push(performance.now() - s);
    }
  }),
);
parentPort?.postMessage({ lat, errors, ms: performance.now() - t0 });
