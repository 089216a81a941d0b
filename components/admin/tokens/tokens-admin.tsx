"use client";

import { useState } from "react";
import { DataTable } from "@/components/admin/data-table";
import { CreateTokenForm } from "@/components/admin/tokens/create-token-form";
import { NewTokenPanel } from "@/components/admin/tokens/new-token-panel";
import { TokenRow } from "@/components/admin/tokens/token-row";
import { EmptyState } from "@/components/ui/empty-state";
import type { PublicApiToken } from "@/lib/contracts/tokens";

const HEADERS = ["Token", "Owner", "Access", "Status", "Created", "Last used", "Expires", ""];

export function TokensAdmin({ initialTokens, now }: { initialTokens: PublicApiToken[]; now: number }) {
  const [tokens, setTokens] = useState(initialTokens);
  // The value lives only in this state: gone on "I have copied it" or when the page is left.
  const [fresh, setFresh] = useState<{ token: string; name: string } | null>(null);

  function created(token: string, record: PublicApiToken): void {
    setTokens((current) => [record, ...current]);
    setFresh({ token, name: record.name });
  }

  function revoked(record: PublicApiToken): void {
    setTokens((current) => current.map((token) => (token.id === record.id ? record : token)));
  }

  return (
    <div className="space-y-6">
      {fresh ? (
        <NewTokenPanel key={fresh.token} name={fresh.name} token={fresh.token} onDone={() => setFresh(null)} />
      ) : null}
      <CreateTokenForm onCreated={created} />
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet" testId="tokens-empty">
          Create one above for each script or service that calls this server, so each can be revoked on its own.
        </EmptyState>
      ) : (
        <DataTable caption="API tokens" headers={HEADERS} testId="token-table">
          {tokens.map((token) => (
            <TokenRow key={token.id} token={token} now={now} onRevoked={revoked} />
          ))}
        </DataTable>
      )}
    </div>
  );
}
