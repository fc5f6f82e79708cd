import { randomBytes } from "node:crypto";
import { dropTemplate, prepareTemplate } from "./test-db.js";

/**
 * Names this run (its templates, see test-db.ts), builds its template, and removes it when the run ends. Turns the
 * pool guard on for the test databases (db/pool-guard.ts) unless FRONTOFFICE_POOL_GUARD says otherwise.
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.FRONTOFFICE_TEST_RUN = randomBytes(4).toString("hex");
  process.env.FRONTOFFICE_POOL_GUARD ??= "1";
  await prepareTemplate();
  return dropTemplate;
}
