import { describe, expect, it } from "vitest";
import { featuresFromTerms, featuresOf, sameIncident, termsOf } from "./similarity.js";

const KEYS = ["bus_number"];

describe("incident similarity", () => {
  it("groups reports of the same bus with a word in common, in English and Spanish", () => {
    const a = featuresOf("Bus 42 is late again, the kids are waiting", { bus_number: "42" }, KEYS);
    const b = featuresOf("Still waiting for the bus, very late", { bus_number: "042" }, KEYS);
    const c = featuresOf("El autobús 42 no ha llegado, los niños esperan", { bus_number: "42" }, KEYS);
    expect(sameIncident(a, b, true)).toEqual({ same: true, key: "field:bus_number=42", reason: "field" });
    // a Spanish report shares no content word with an English one: kept apart (a known limit: no translation)
    expect(sameIncident(a, c, true).same).toBe(false);
    expect(sameIncident(featuresOf("autobús 42 tarde", { bus_number: "42" }, KEYS), featuresOf("el autobús 42 llegó tarde otra vez", { bus_number: "42" }, KEYS), true).same).toBe(true);
  });

  it("does not group different matters that only share a bus number, or the same words without a number", () => {
    const late = featuresOf("Bus 42 was late", { bus_number: "42" }, KEYS);
    const lost = featuresOf("My son lost his jacket", { bus_number: "42" }, KEYS);
    expect(sameIncident(late, lost, true).same).toBe(false);
    const menu = featuresOf("The lunch menu changed this week", {}, KEYS);
    const account = featuresOf("Question about the lunch account balance", {}, KEYS);
    expect(sameIncident(menu, account, true).same).toBe(false);
    // …while strongly overlapping words are one matter even without a number
    const outage = featuresOf("Parent portal login page shows an error", {}, KEYS);
    const outage2 = featuresOf("Error on the parent portal login page", {}, KEYS);
    expect(sameIncident(outage, outage2, true)).toMatchObject({ same: true, reason: "text" });
  });

  it("stores and restores a report's features exactly", () => {
    const f = featuresOf("Bus 42 skipped the Elm Street stop at 7:15", { bus_number: "42", stop: "Elm St" }, ["bus_number", "stop"]);
    const back = featuresFromTerms(termsOf(f));
    expect(back.tokens).toEqual(f.tokens);
    expect(back.numbers).toEqual(f.numbers);
    expect(back.fieldValues).toEqual(f.fieldValues);
    expect(termsOf(f)).toEqual(expect.arrayContaining(["w:skipped", "n:42", "n:7", "n:15", "f:bus_number=42", "f:stop=elm st"]));
  });
});
