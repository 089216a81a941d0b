import type { Metadata } from "next";
import { TokensAdmin } from "@/components/admin/tokens/tokens-admin";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdminPage } from "@/lib/auth/page-user";
import { listApiTokens } from "@/lib/db/api-tokens";
import { toPublicApiToken } from "@/lib/views/tokens";

export const metadata: Metadata = { title: "API tokens" };

export const dynamic = "force-dynamic";

// The time the list was read, so "expired" is judged against the data, not against each render.
async function loadTokens() {
  return { tokens: await listApiTokens(), now: Date.now() };
}

export default async function TokensPage() {
  await requireAdminPage();
  const { tokens, now } = await loadTokens();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Named tokens for scripts and services. A token is shown once when created; revoke it here the moment it is no longer needed."
      />
      <TokensAdmin initialTokens={tokens.map(toPublicApiToken)} now={now} />
    </>
  );
}
