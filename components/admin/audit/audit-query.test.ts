import { describe, expect, it } from "vitest";
import {
  apiQueryFromFilters,
  filtersFromSearch,
  NO_FILTERS,
  searchFromFilters,
} from "@/components/admin/audit/audit-query";

describe("audit filters", () => {
  it("turn local calendar days into instants, counting the last day whole", () => {
    const query = new URLSearchParams(
      apiQueryFromFilters({ ...NO_FILTERS, from: "2026-11-02", to: "2026-11-27", actor: " admin ", page: 3 }, 10),
    );
    expect(query.get("from")).toBe(new Date(2026, 10, 2).toISOString());
    expect(query.get("to")).toBe(new Date(2026, 10, 28).toISOString());
    expect(query.get("actor")).toBe("admin");
    expect(query.get("page")).toBe("3");
    expect(query.get("limit")).toBe("10");
    expect(query.has("entityType")).toBe(false);
  });

  it("read only well-formed values back from the page URL", () => {
    const filters = filtersFromSearch({
      entityType: "widget",
      from: "yesterday",
      to: "2026-11-27",
      page: "-2",
      action: ["a", "b"],
      actor: "ops",
    });
    expect(filters).toEqual({ ...NO_FILTERS, to: "2026-11-27", actor: "ops" });
    expect(searchFromFilters({ ...filters, page: 2 })).toBe("actor=ops&to=2026-11-27&page=2");
  });
});
