import { describe, expect, it } from "vitest";
import {
  actsForAnother,
  configurationLookup,
  isCreator,
  mayChangeConversation,
  maySeeConversation,
  visibleConversations,
  type Principal,
} from "@/lib/auth/policy";
import { SYSTEM_ACTOR } from "@/lib/db/actor";

const viewer: Principal = { userId: 5, role: "viewer" };
const admin: Principal = { userId: 1, role: "admin" };

// True when a filter object holds an `undefined` anywhere: Prisma would drop that condition.
function holdsUndefined(value: unknown): boolean {
  if (value === undefined) return true;
  if (value === null || typeof value !== "object") return false;
  return Object.values(value).some(holdsUndefined);
}

describe("the conversation list filter", () => {
  it("is never empty, never holds undefined, and never matches creator-less rows for a viewer, whatever their id", () => {
    const ids: Array<number | null> = [5, 0, -1, null, Number.NaN, 2 ** 53, 1.5];
    for (const userId of ids) {
      const filter = visibleConversations({ userId, role: "viewer" });
      expect(Object.keys(filter).length, `userId ${String(userId)}`).toBeGreaterThan(0);
      expect(holdsUndefined(filter), `userId ${String(userId)}`).toBe(false);
      // `createdById: null` would hand a viewer the admins' orphaned conversations.
      expect(filter).not.toEqual({ createdById: null });
    }
    expect(visibleConversations(viewer)).toEqual({ createdById: 5 });
    expect(visibleConversations({ userId: null, role: "viewer" })).toEqual({ id: { in: [] } });
    expect(visibleConversations({ userId: Number.NaN, role: "viewer" })).toEqual({ id: { in: [] } });
  });

  it("is empty (everything) for admins only, the system included", () => {
    expect(visibleConversations(admin)).toEqual({});
    expect(visibleConversations(SYSTEM_ACTOR)).toEqual({});
  });
});

describe("who may see and change a conversation", () => {
  it("is its creator or an admin; a missing id on either side never counts as the creator", () => {
    expect(maySeeConversation(viewer, { createdById: 5 })).toBe(true);
    expect(maySeeConversation(viewer, { createdById: 6 })).toBe(false);
    expect(maySeeConversation(viewer, { createdById: null })).toBe(false);
    expect(maySeeConversation({ userId: null, role: "viewer" }, { createdById: null })).toBe(false);
    expect(isCreator({ userId: null, role: "admin" }, { createdById: null })).toBe(false);
    expect(maySeeConversation(admin, { createdById: 6 })).toBe(true);
    expect(maySeeConversation(admin, { createdById: null })).toBe(true);
    expect(mayChangeConversation(viewer, { createdById: 6 })).toBe(false);
    expect(mayChangeConversation(viewer, { createdById: 5 })).toBe(true);
  });

  it("flags an admin's turn in someone else's conversation, not in their own", () => {
    expect(actsForAnother(admin, { createdById: 6 })).toBe(true);
    expect(actsForAnother(admin, { createdById: null })).toBe(true);
    expect(actsForAnother(admin, { createdById: 1 })).toBe(false);
    expect(actsForAnother(viewer, { createdById: 5 })).toBe(false);
  });
});

describe("configurations for tests and model lists", () => {
  it("are active ones only for viewers, any for admins", () => {
    expect(configurationLookup(viewer)).toEqual({ activeOnly: true });
    expect(configurationLookup(admin)).toEqual({ activeOnly: false });
  });
});
