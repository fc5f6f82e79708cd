import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../../../common/contract/operations.js";
import { en } from "../../lib/i18n/en.js";
import { es } from "../../lib/i18n/es.js";
import { describeNotification } from "./describeNotification.js";

let tEn: TFunction;
let tEs: TFunction;
beforeAll(async () => {
  const make = async (lng: "en" | "es") => {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { en: { translation: en }, es: { translation: es } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    return instance.t;
  };
  tEn = await make("en");
  tEs = await make("es");
});

const conversation = { id: "11111111-1111-4111-8111-111111111111", reference: "RUSD-1042", subject: "Worried about my son" };
const n = (over: Partial<Notification>): Notification => ({
  id: "22222222-2222-4222-8222-222222222222",
  type: "alert",
  text: "server text",
  conversation,
  actor: null,
  data: {},
  read: false,
  createdAt: "2026-03-02T16:00:00.000Z",
  ...over,
});

describe("notification sentences", () => {
  it("names the alert category and the reference, in English and Spanish", () => {
    const alert = n({ type: "alert", data: { category: "self_harm", severity: "critical" } });
    expect(describeNotification(alert, tEn)).toBe("Critical alert (Self-harm) on RUSD-1042");
    expect(describeNotification(alert, tEs)).toBe("Alerta crítica (Autolesión) en RUSD-1042");
  });

  it("says who assigned or mentioned, and which clock is due or missed", () => {
    expect(describeNotification(n({ type: "assigned", actor: "Dana Reyes" }), tEn)).toBe("Dana Reyes assigned you RUSD-1042");
    expect(describeNotification(n({ type: "assigned" }), tEn)).toBe("You were assigned RUSD-1042");
    expect(describeNotification(n({ type: "sla_breach", data: { clock: "first_response" } }), tEn)).toBe("RUSD-1042: first response target missed");
    expect(describeNotification(n({ type: "sla_warning", data: { clock: "resolution" } }), tEs)).toBe("RUSD-1042: resolución vence pronto");
  });

  it("falls back to the server's text for a type it does not know", () => {
    expect(describeNotification(n({ type: "brand_new" as Notification["type"] }), tEn)).toBe("server text");
  });
});
