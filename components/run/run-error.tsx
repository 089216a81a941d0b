import Link from "next/link";
import type { RunFailure } from "@/components/run/run-state";

// Failures that are not about the configuration need another way forward than editing it.
const NOT_CONFIGURATION = new Set(["connection_lost", "stream_ended", "internal", "unknown"]);

/** The server's own words about a failed run, and where to go to fix it. */
export function RunError({
  failure,
  configurationId,
  isAdmin,
}: {
  failure: RunFailure;
  configurationId: number | null;
  isAdmin: boolean;
}) {
  // The configuration's own page: an admin edits it there, a viewer sees its settings.
  const configurationHref = configurationId === null ? "/configurations" : `/configurations/${configurationId}`;
  const signIn = failure.code === "unauthorized";
  const aboutConfiguration = !signIn && !NOT_CONFIGURATION.has(failure.code);
  return (
    <div
      role="alert"
      className="flex gap-2.5 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
      data-testid="run-error"
      data-code={failure.code}
    >
      <svg className="mt-0.5 size-4 shrink-0" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <div className="min-w-0">
        <p className="break-words" data-testid="run-error-message">
          {failure.message}
        </p>
        {signIn ? (
          <Link
            href="/login?callbackUrl=%2Fplayground"
            className="mt-1.5 inline-block font-medium underline underline-offset-2"
          >
            Sign in again
          </Link>
        ) : null}
        {aboutConfiguration ? (
          <Link
            href={configurationHref}
            className="mt-1.5 inline-block font-medium underline underline-offset-2"
            data-testid="run-error-link"
          >
            {isAdmin ? "Check the configuration" : "See the configuration"}
          </Link>
        ) : null}
      </div>
    </div>
  );
}
