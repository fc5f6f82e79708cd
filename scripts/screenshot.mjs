#!/usr/bin/env node
// Takes the README screenshot with Debian's Chromium (never a downloaded browser).
//
//   node scripts/screenshot.mjs [--path /d/riverside] [--out docs/screenshot.png] [--url http://host:port]
//
// Without --url it starts `frontoffice start` on a scratch data directory (the demo district is
// seeded on first start), waits until it is healthy, takes the picture and stops the server.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const pagePath = arg("--path", "/d/riverside");
const out = path.resolve(ROOT, arg("--out", "docs/screenshot.png"));

async function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-shot-"));
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, "bin/frontoffice.js"), "start"], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    async stop() {
      const exited = new Promise((resolve) => child.on("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const server = process.argv.includes("--url") ? { base: arg("--url"), stop: async () => {} } : await startServer();
// Playwright gives every launch a fresh temporary profile of its own.
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const res = await page.goto(`${server.base}${pagePath}`, { waitUntil: "networkidle" });
  if (!res || !res.ok()) throw new Error(`${pagePath} answered ${res?.status()}`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  process.stdout.write(`Saved ${path.relative(ROOT, out)} (${pagePath})\n`);
} finally {
  await browser.close();
  await server.stop();
}
