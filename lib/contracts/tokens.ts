import { z } from "zod";

// The API tokens API's answers (app/api/tokens/**).

/** A token's record as shown in lists: never its value or hash. */
const publicApiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  userId: z.number(),
  userEmail: z.string(),
  scope: z.enum(["read", "full"]),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});

export type PublicApiToken = z.infer<typeof publicApiTokenSchema>;

/** The one answer that carries a token's value: its creation. */
export const createdTokenAnswerSchema = z.object({ token: z.string(), apiToken: publicApiTokenSchema });

export type CreatedTokenAnswer = z.infer<typeof createdTokenAnswerSchema>;

export const tokenAnswerSchema = z.object({ apiToken: publicApiTokenSchema });

export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** Read by scripts, not by the app's pages (they render the list on the server). */
export type TokenListAnswer = { tokens: PublicApiToken[] };
