import { z } from "zod";

// A token always acts as the user who creates it. `expiresInDays` left out means the default
// (90 days); null means "never", which must be asked for.
export const apiTokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1, "name is required").max(100, "name is at most 100 characters"),
  scope: z.enum(["read", "full"], "scope must be read (reads only) or full (also changes and runs)").default("full"),
  expiresInDays: z
    .int("expiresInDays must be a whole number, or null for never")
    .min(1, "expiresInDays must be at least 1")
    .max(3650, "expiresInDays is at most 3650")
    .nullable()
    .optional(),
});

export type ApiTokenCreateValues = z.output<typeof apiTokenCreateSchema>;
