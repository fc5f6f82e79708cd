import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The staff app: built to dist/web and served by the server at /app/. */
export default defineConfig({
  root: r("."),
  base: "/app/",
  plugins: [react()],
  resolve: { alias: { "@common": r("../common") } },
  build: {
    outDir: r("../dist/web"),
    emptyOutDir: true,
    // Modern browsers only: no inline module-preload polyfill, so the CSP can forbid inline script.
    modulePreload: { polyfill: false },
    target: "es2022",
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
