import type { Metadata } from "next";
import { TokensAdmin } from "@/components/admin/tokens/tokens-admin";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdminPage } from "@/lib/auth/page-user";
import { listApiTokens, toPublicApiToken } from "@/lib/db/api-tokens";
import { listUsers } from "@/lib/db/users";

export const metadata: Metadata = { title: "API tokens" };

// Reads the session and the database on every request; `next build` must never need one.
export const dynamic = "force-dynamic";

// The time the list was read, so "expired" is judged against the data, not against each render.
async function loadTokens() {
  const [tokens, users] = await Promise.all([listApiTokens(), listUsers()]);
  const owners = users.filter((owner) => owner.active).map(({ id, email }) => ({ id, email }));
  return { tokens, owners, now: Date.now() };
}

export default async function TokensPage() {
  const user = await requireAdminPage();
  const { tokens, owners, now } = await loadTokens();
  return (
    <>
      <PageHeader title="API tokens" description="Named tokens for scripts and services. A token is shown once when created; revoke it here the moment it is no longer needed." />
      <TokensAdmin initialTokens={tokens.map(toPublicApiToken)} owners={owners} currentUserId={user.id} now={now} />
    </>
  );
}
