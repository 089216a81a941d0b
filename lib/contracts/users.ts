import { z } from "zod";

// The users API's answers (app/api/users/**).

/** A user without the password hash. */
const publicUserSchema = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "viewer"]),
  active: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});

export type PublicUser = z.infer<typeof publicUserSchema>;

export const userAnswerSchema = z.object({ user: publicUserSchema });

export type UserAnswer = z.infer<typeof userAnswerSchema>;

/** Read by scripts, not by the app's pages (they render the list on the server). */
export type UserListAnswer = { users: PublicUser[] };

/** How many sessions ended. */
export const signedOutAnswerSchema = z.object({ signedOut: z.number() });

export type SignedOutAnswer = z.infer<typeof signedOutAnswerSchema>;
