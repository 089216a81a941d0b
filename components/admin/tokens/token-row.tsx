"use client";

import { useState } from "react";
import { Cell } from "@/components/admin/data-table";
import { requestJson } from "@/components/api/request-json";
import { StatusBadge } from "@/components/ui/status-badge";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { tokenAnswerSchema, type PublicApiToken } from "@/lib/contracts/tokens";

function tokenStatus(
  token: PublicApiToken,
  now: number,
): { label: "Active" | "Revoked" | "Expired"; tone: "green" | "grey" | "amber" } {
  if (token.revokedAt) return { label: "Revoked", tone: "grey" };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return { label: "Expired", tone: "amber" };
  return { label: "Active", tone: "green" };
}

/** One token; revoking asks once more, since a revoked token cannot be brought back. */
export function TokenRow({
  token,
  now,
  onRevoked,
}: {
  token: PublicApiToken;
  now: number;
  onRevoked: (token: PublicApiToken) => void;
}) {
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const status = tokenStatus(token, now);

  async function revoke(): Promise<void> {
    if (pending) return;
    setPending(true);
    const result = await requestJson(`/api/tokens/${token.id}`, tokenAnswerSchema, { method: "DELETE" });
    setPending(false);
    setConfirming(false);
    if (!result.ok) return toast(result.error.message, "error");
    onRevoked(result.data.apiToken);
    toast(`Revoked “${token.name}”: requests with it now get 401.`);
  }

  return (
    <tr data-testid="token-row" data-name={token.name}>
      <Cell>
        <div className="font-medium text-slate-900 dark:text-white">{token.name}</div>
        <code className="font-mono text-xs text-slate-500 dark:text-slate-400">{token.prefix}…</code>
      </Cell>
      <Cell>{token.userEmail}</Cell>
      <Cell>
        <span data-testid="token-scope">{token.scope === "read" ? "Read only" : "Full"}</span>
      </Cell>
      <Cell>
        <StatusBadge tone={status.tone} testId="token-status">
          {status.label}
        </StatusBadge>
      </Cell>
      <Cell>
        <LocalTime iso={token.createdAt} />
      </Cell>
      <Cell>
        <LocalTime iso={token.lastUsedAt} />
      </Cell>
      <Cell>
        <LocalTime iso={token.expiresAt} />
      </Cell>
      <Cell className="text-right whitespace-nowrap">
        {status.label === "Revoked" ? null : confirming ? (
          <span className="inline-flex items-center gap-2">
            <Button
              variant="secondary"
              className="border-red-300 text-red-700 dark:border-red-800 dark:text-red-300"
              pending={pending}
              onClick={revoke}
              data-testid="token-revoke-confirm"
            >
              Revoke for good
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} data-testid="token-revoke-cancel">
              Keep
            </Button>
          </span>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)} data-testid="token-revoke">
            Revoke
          </Button>
        )}
      </Cell>
    </tr>
  );
}
