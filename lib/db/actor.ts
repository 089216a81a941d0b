/** Who is acting: a signed-in user, a user's API token, or the system itself (seed, commands). */
export type Actor = {
  userId: number | null;
  tokenId: number | null;
  label: string;
  role: "admin" | "viewer";
};

export const SYSTEM_ACTOR: Actor = { userId: null, tokenId: null, label: "system", role: "admin" };
