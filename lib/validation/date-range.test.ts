import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dateBound, RANGE_ORDER_ISSUE, rangeInOrder } from "@/lib/validation/date-range";

const range = z
  .object({ from: dateBound("from").optional(), to: dateBound("to").optional() })
  .refine(rangeInOrder, RANGE_ORDER_ISSUE);

describe("date filters", () => {
  it("read a plain date as a whole UTC day, and a date-time as the instant it names", () => {
    expect(range.parse({ from: "2026-11-27", to: "2026-11-27" })).toEqual({
      from: new Date("2026-11-27T00:00:00Z"),
      to: new Date("2026-11-28T00:00:00Z"),
    });
    expect(range.parse({ to: "2026-11-27T00:00:00+01:00" })).toEqual({ to: new Date("2026-11-26T23:00:00Z") });
  });

  it("refuse other text, a date-time without an offset, and a range that ends before it starts", () => {
    expect(range.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(range.safeParse({ from: "2026-11-27T00:00:00" }).success).toBe(false);
    const backwards = range.safeParse({ from: "2026-11-27", to: "2026-11-01" });
    expect(backwards.error?.issues[0]).toMatchObject({ message: "from must be before to", path: ["to"] });
  });
});
