import { describe, expect, it } from "vitest";
import { activeFilterCount, listFilters, parseInboxSearch } from "./search.js";

describe("inbox URL state", () => {
  it("keeps a shared link's view, sort, filters and search", () => {
    const s = parseInboxSearch({ view: "unassigned", sort: "priority", status: "open", language: "es", q: " autobús " });
    expect(s).toEqual({ view: "unassigned", sort: "priority", status: "open", language: "es", q: "autobús" });
    expect(activeFilterCount(s)).toBe(3);
  });

  it("drops an unknown view or sort instead of failing, so an old bookmark still opens the inbox", () => {
    expect(parseInboxSearch({ view: "starred", sort: "random", status: "" })).toEqual({});
  });

  it("always asks the API for an explicit view and sort", () => {
    expect(listFilters({})).toMatchObject({ view: "all_open", sort: "last_message_desc" });
    expect(listFilters({ view: "mine", priority: "critical" })).toMatchObject({ view: "mine", sort: "last_message_desc", priority: "critical" });
  });
});
