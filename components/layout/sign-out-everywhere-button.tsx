"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { requestJson } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { signedOutAnswerSchema } from "@/lib/contracts/users";

/**
 * Ends every session of a user on the server (each browser is asked to sign in again); asks once
 * more first. For yourself this browser is signed out too, and lands on sign-in.
 */
export function SignOutEverywhereButton({
  userId,
  email,
  self,
  testId = "sign-out-everywhere",
}: {
  userId: number;
  email: string;
  self: boolean;
  testId?: string;
}) {
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  async function confirm(): Promise<void> {
    if (pending) return;
    setPending(true);
    const result = await requestJson(`/api/users/${userId}/sessions`, signedOutAnswerSchema, { method: "DELETE" });
    if (!result.ok) {
      setPending(false);
      setConfirming(false);
      return toast(result.error.message, "error");
    }
    if (self) {
      await signOut({ callbackUrl: "/login" });
      return;
    }
    setPending(false);
    setConfirming(false);
    toast(
      `${email} is signed out everywhere (${result.data.signedOut} session${result.data.signedOut === 1 ? "" : "s"} ended). Their API tokens still work; revoke those under API tokens.`,
    );
  }

  if (!confirming) {
    return (
      <Button
        variant="ghost"
        onClick={() => setConfirming(true)}
        data-testid={testId}
        title={self ? "End your sessions in every browser, this one included" : `End every session of ${email}`}
      >
        {self ? "Sign out everywhere" : "Sign out"}
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" pending={pending} onClick={confirm} data-testid={`${testId}-confirm`}>
        {self ? "End all my sessions" : "End all sessions"}
      </Button>
      <Button variant="ghost" onClick={() => setConfirming(false)} data-testid={`${testId}-cancel`}>
        Cancel
      </Button>
    </span>
  );
}
