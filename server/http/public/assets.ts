import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PUBLIC } from "./request.js";

type Asset = { body: Buffer; etag: string; type: string };

function load(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`, type };
}

const css = load("public.css", "text/css; charset=utf-8");
const embed = load("embed.js", "text/javascript; charset=utf-8");

/** The stylesheet's versioned URL: pages link it, so a new deploy changes the URL and the year-long cache is safe. */
export const CSS_URL = `/assets/public.css?v=${css.etag.slice(1, 11)}`;

/** The served bytes, for page-size budgets in tests. */
export const ASSET_BYTES = { css: css.body, embed: embed.body };

/** `GET /assets/public.css` (immutable, versioned) and `GET /embed.js` (short cache: districts paste an unversioned URL). */
export async function assetRoutes(app: FastifyInstance): Promise<void> {
  const serve = (asset: Asset, cacheControl: string) => async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header("Cache-Control", cacheControl).header("ETag", asset.etag).header("X-Content-Type-Options", "nosniff");
    if (req.headers["if-none-match"] === asset.etag) return reply.status(304).send();
    return reply.type(asset.type).send(asset.body);
  };
  app.get("/assets/public.css", PUBLIC, serve(css, "public, max-age=31536000, immutable"));
  app.get("/embed.js", PUBLIC, serve(embed, "public, max-age=3600"));
}
