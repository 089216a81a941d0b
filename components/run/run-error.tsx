import Link from "next/link";
import type { RunFailure } from "@/components/run/run-state";
import { FormAlert } from "@/components/ui/form-alert";

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
    <FormAlert testId="run-error" data-code={failure.code}>
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
    </FormAlert>
  );
}
