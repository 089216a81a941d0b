"use client";

import { ErrorPanel, errorReference } from "@/components/layout/error-panel";

export default function AuthError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title="Sign-in is unavailable"
      message="The server could not prepare this page and has logged why. Try again; if it keeps happening, check that the database is reachable."
      reference={errorReference(error)}
      onRetry={retry}
    />
  );
}
