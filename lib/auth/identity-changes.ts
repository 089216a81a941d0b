import { forgetIdentities } from "@/lib/auth/identity-cache";
import { revokeApiToken } from "@/lib/db/api-tokens";
import { revokeSession } from "@/lib/db/sessions";
import { signOutEverywhere, updateUser } from "@/lib/db/users";

// Changes to who may act: each is saved through lib/db, then the identities cached for it are
// forgotten on every instance (lib/auth/identity-cache.ts), so it takes effect on the next
// request, not when the cache entry expires.

/** Changes a user (role, active flag, password: updateUser) and forgets their cached identities. */
export async function changeUser(options: Parameters<typeof updateUser>[0]): ReturnType<typeof updateUser> {
  const user = await updateUser(options);
  await forgetIdentities({ userId: options.id });
  return user;
}

/** Ends every session of a user (signOutEverywhere) and forgets their cached identities. */
export async function signOutUserEverywhere(
  options: Parameters<typeof signOutEverywhere>[0],
): ReturnType<typeof signOutEverywhere> {
  const ended = await signOutEverywhere(options);
  await forgetIdentities({ userId: options.id });
  return ended;
}

/** Revokes an API token and forgets the identity cached for it. */
export async function revokeToken(options: Parameters<typeof revokeApiToken>[0]): ReturnType<typeof revokeApiToken> {
  const token = await revokeApiToken(options);
  await forgetIdentities({ tokenId: options.id });
  return token;
}

/** Ends one session (sign-out) and forgets the identity cached for it. */
export async function endSession(options: Parameters<typeof revokeSession>[0]): Promise<void> {
  await revokeSession(options);
  await forgetIdentities({ sessionId: options.sessionId });
}
