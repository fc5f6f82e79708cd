import { randomBytes } from "node:crypto";
import { dropTemplate, prepareTemplate } from "./test-db.js";

/** Names this run (its templates, see test-db.ts), builds its template, and removes it when the run ends. */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.FRONTOFFICE_TEST_RUN = randomBytes(4).toString("hex");
  await prepareTemplate();
  return dropTemplate;
}
