"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function handleClick(): Promise<void> {
    if (pending) return;
    setPending(true);
    setFailed(false);
    try {
      await signOut({ callbackUrl: "/login" });
    } catch {
      setFailed(true);
      setPending(false);
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <span role="status" className="text-xs text-red-600 empty:hidden dark:text-red-400">
        {failed ? "Sign-out failed. Try again." : null}
      </span>
      <Button variant="secondary" pending={pending} onClick={handleClick} data-testid="sign-out">
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </span>
  );
}
