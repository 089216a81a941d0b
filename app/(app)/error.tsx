"use client";

import { ErrorPanel, errorReference } from "@/components/layout/error-panel";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel
      title="This page could not be loaded"
      message="Something went wrong on the server and it has been logged. Try again; if it keeps happening, check that the database is reachable."
      reference={errorReference(error)}
      onRetry={retry}
    />
  );
}
