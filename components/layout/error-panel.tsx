import Link from "next/link";
import { Button, buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** A friendly failure message: what happened, what to try, and a reference for the server log. */
export function ErrorPanel({
  title,
  message,
  reference,
  onRetry,
}: {
  title: string;
  message: string;
  reference: string | null;
  onRetry: () => void;
}) {
  return (
    <Card className="mx-auto max-w-lg p-8 text-center shadow-xs" data-testid="error-panel">
      <h1 className="text-lg font-semibold text-slate-900 dark:text-white">{title}</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{message}</p>
      {reference ? (
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          Reference for the server log: <code className="font-mono">{reference}</code>
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-3">
        <Button onClick={onRetry}>Try again</Button>
        <Link href="/" className={buttonClassName("secondary", "px-4 py-2")}>
          Go to the home page
        </Link>
      </div>
    </Card>
  );
}

/** The digest Next.js attaches to server errors; the message itself is never shown. */
export function errorReference(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string")
    return error.digest;
  return null;
}
