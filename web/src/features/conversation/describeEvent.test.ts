import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { TimelineEvent } from "../../../../common/contract/conversations.js";
import { en } from "../../lib/i18n/en.js";
import { es } from "../../lib/i18n/es.js";
import type { Meta } from "../../lib/meta.js";
import { describeEvent } from "./describeEvent.js";

const ID = {
  dana: "11111111-1111-4111-8111-111111111111",
  sam: "22222222-2222-4222-8222-222222222222",
  transportation: "33333333-3333-4333-8333-333333333333",
  nutrition: "44444444-4444-4444-8444-444444444444",
  busTopic: "55555555-5555-4555-8555-555555555555",
  generalTopic: "66666666-6666-4666-8666-666666666666",
};

const meta: Meta = {
  departments: [
    { id: ID.transportation, name: "Transportation" },
    { id: ID.nutrition, name: "Nutrition Services" },
  ],
  topics: [
    { id: ID.busTopic, slug: "bus-concern", name: { en: "Bus concern", es: "Problema con el autobús" }, departmentId: ID.transportation, categoryId: null },
    { id: ID.generalTopic, slug: "general", name: { en: "General question", es: "Pregunta general" }, departmentId: null, categoryId: null },
  ],
  categories: [],
  schools: [],
  staff: [
    { id: ID.dana, name: "Dana Reyes", role: "supervisor", departmentIds: [ID.transportation] },
    { id: ID.sam, name: "Sam Okafor", role: "agent", departmentIds: [ID.transportation] },
  ],
};

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

const dana = { kind: "staff", id: ID.dana, name: "Dana Reyes" };
const event = (type: string, data: Record<string, unknown>, actor: TimelineEvent["actor"] = dana): TimelineEvent => ({
  id: "77777777-7777-4777-8777-777777777777",
  type,
  actor,
  data,
  createdAt: "2026-03-02T16:00:00.000Z",
});
const en_ = (e: TimelineEvent) => describeEvent(e, tEn, { meta, lang: "en", contactName: "Ana García" });
const es_ = (e: TimelineEvent) => describeEvent(e, tEs, { meta, lang: "es", contactName: "Ana García" });

describe("timeline sentences", () => {
  it("names who assigned the conversation to whom, and the new department, in English and Spanish", () => {
    const e = event("conversation.assigned", { fromStaffId: null, toStaffId: ID.sam, fromDepartmentId: ID.nutrition, toDepartmentId: ID.transportation });
    expect(en_(e)).toEqual(["Dana Reyes assigned this to Sam Okafor (Transportation)"]);
    expect(es_(e)).toEqual(["Dana Reyes asignó esto a Sam Okafor (Transportation)"]);
  });

  it("says a person took the conversation when they assigned it to themselves", () => {
    const e = event("conversation.assigned", { fromStaffId: null, toStaffId: ID.dana, fromDepartmentId: ID.transportation, toDepartmentId: ID.transportation });
    expect(en_(e)).toEqual(["Dana Reyes took this conversation"]);
    expect(es_(e)).toEqual(["Dana Reyes tomó esta conversación"]);
  });

  it("describes a move to a department alone, and an unassignment", () => {
    const moved = event("conversation.assigned", { fromStaffId: null, toStaffId: null, fromDepartmentId: null, toDepartmentId: ID.transportation }, { kind: "rule", id: "r1", name: null });
    expect(en_(moved)).toEqual(["A routing rule assigned this to Transportation"]);
    const dropped = event("conversation.assigned", { fromStaffId: ID.sam, toStaffId: null, fromDepartmentId: ID.transportation, toDepartmentId: ID.transportation });
    expect(en_(dropped)).toEqual(["Dana Reyes removed the assignee"]);
  });

  it("translates both ends of a status change", () => {
    const e = event("conversation.status_changed", { from: "pending", to: "open" });
    expect(en_(e)).toEqual(["Dana Reyes changed the status: Pending → Open"]);
    expect(es_(e)).toEqual(["Dana Reyes cambió el estado: Pendiente → Abierta"]);
  });

  it("turns classification changes into one sentence each, with topic names in the reader's language", () => {
    const e = event("conversation.updated", {
      changes: { priority: { from: "normal", to: "critical" }, topicId: { from: ID.generalTopic, to: ID.busTopic }, subject: { from: "Bus", to: "Bus 12 never came" } },
    });
    expect(en_(e)).toEqual([
      "Dana Reyes changed the priority: Normal → Critical",
      "Dana Reyes changed the topic: General question → Bus concern",
      "Dana Reyes changed the subject to “Bus 12 never came”",
    ]);
    expect(es_(e)).toEqual([
      "Dana Reyes cambió la prioridad: Normal → Crítica",
      "Dana Reyes cambió el tema: Pregunta general → Problema con el autobús",
      "Dana Reyes cambió el asunto a “Bus 12 never came”",
    ]);
  });

  it("reports the family's rating as accuracy/timeliness/courtesy", () => {
    const e = event("rating.submitted", { ratingId: "x", accuracy: 9, timeliness: 7, courtesy: 10 }, { kind: "contact", id: null, name: null });
    expect(en_(e)).toEqual(["The family rated this 9/7/10 (accuracy / timeliness / courtesy)"]);
    expect(es_(e)).toEqual(["La familia calificó esto con 9/7/10 (exactitud / rapidez / cortesía)"]);
  });

  it("says how the conversation arrived", () => {
    expect(en_(event("conversation.created", { reference: "SPS-1001", channel: "web_form", topicId: null }, { kind: "system", id: null, name: null }))).toEqual([
      "Conversation received via the web form",
    ]);
    expect(es_(event("conversation.created", { reference: "SPS-1001", channel: "sms", topicId: null }))).toEqual(["Conversación recibida por mensaje de texto"]);
  });

  it("stays silent for events that only echo a message already on the timeline", () => {
    for (const type of ["message.received", "message.sent", "note.added", "rating.requested", "email.sent"]) {
      expect(en_(event(type, { messageId: "m" })), type).toEqual([]);
    }
    expect(en_(event("email.failed", { emailId: "e", purpose: "reply", reason: "mailbox full" }))).toEqual([]);
    expect(en_(event("email.failed", { emailId: "e", purpose: "acknowledgement", reason: "550 no such user" }))).toEqual([
      "An email to the family could not be delivered: 550 no such user",
    ]);
  });

  it("notes out-of-office replies and permanent bounces, but not delays", () => {
    const system = { kind: "system", id: null, name: null } as const;
    expect(en_(event("email.auto_reply_received", { messageId: null, reason: "auto-submitted" }, system))).toEqual([
      "The family’s mailbox sent an automatic reply (out of office)",
    ]);
    expect(es_(event("email.bounced", { emailId: "e", recipients: ["ana@example.com"], permanent: true, status: "5.1.1" }, system))).toEqual([
      "El correo a ana@example.com rebotó: la dirección no acepta correo",
    ]);
    expect(en_(event("email.bounced", { emailId: "e", recipients: ["ana@example.com"], permanent: false, status: "4.2.2" }, system))).toEqual([]);
  });

  it("tells how it was routed, and what happened to its alerts, clocks and watchers, in English and Spanish", () => {
    const system = { kind: "system", id: null, name: null } as const;
    const routed = event("conversation.routed", { departmentId: ID.transportation, assigneeId: ID.sam, triage: false, summary: "x", ruleIds: [] }, system);
    // Said by the assignment and triage events that follow it, and by "Why here?".
    expect(en_(routed)).toEqual([]);
    expect(en_(event("conversation.triaged", { reason: "nobody_available" }, system))).toEqual(["Sent to triage: nobody in the department was available"]);
    expect(en_(event("alert.raised", { alertId: "a", category: "self_harm", severity: "critical", messageId: null }, system))).toEqual(["Critical alert raised: Self-harm"]);
    expect(es_(event("alert.acknowledged", { alertId: "a", category: "self_harm" }))).toEqual(["Dana Reyes atendió la alerta de Autolesión"]);
    expect(en_(event("alert.downgraded", { alertId: "a", category: "media_inquiry", reason: "A reporter asking about lunch" }))).toEqual([
      "Dana Reyes marked the media inquiry alert not critical: “A reporter asking about lunch”",
    ]);
    expect(en_(event("sla.breached", { clock: "first_response", dueAt: "2026-03-02T16:00:00.000Z" }, system))).toEqual(["The first response target was missed"]);
    expect(es_(event("sla.warning", { clock: "resolution", dueAt: "2026-03-02T16:00:00.000Z" }, system))).toEqual(["El plazo de resolución vence pronto"]);
    expect(en_(event("watcher.added", { staffId: ID.dana, reason: "alert_responder" }, system))).toEqual(["Dana Reyes is following this conversation (alert responder)"]);
    expect(en_(event("cluster.joined", { clusterId: "c", title: "Bus concern: bus number 42" }, system))).toEqual(["Grouped with similar reports: Bus concern: bus number 42"]);
  });
});
