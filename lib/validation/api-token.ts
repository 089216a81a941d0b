import { z } from "zod";

export const apiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  // An admin may issue a token to another user; by default it is the caller's own.
  userId: z.int("userId must be a user id").positive("userId must be a user id").optional(),
  expiresInDays: z.int("expiresInDays must be a whole number").min(1, "expiresInDays must be at least 1").max(3650, "expiresInDays is at most 3650").optional(),
});
