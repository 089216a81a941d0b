/** The one message for every wrong email or password, so the form reveals nothing about accounts. */
const INVALID_CREDENTIALS_MESSAGE = "Invalid email or password.";

/** What to show for the error of a `signIn("credentials")` call. */
export function signInErrorMessage(error: string | null | undefined): string {
  if (error === "CredentialsSignin") return INVALID_CREDENTIALS_MESSAGE;
  // The server throws human-readable errors (e.g. the sign-in throttle); they are shown as they are.
  if (error) return error;
  return "Sign-in could not be completed. Try again; if it keeps failing, check the server log.";
}

// next-auth sends its own error codes to /login?error=...; a query string is attacker-controlled,
// so only known codes are turned into text, never the raw value.
const QUERY_ERRORS: Record<string, string> = {
  CredentialsSignin: INVALID_CREDENTIALS_MESSAGE,
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is misconfigured on the server. Check the server log.",
  AccessDenied: "Access denied. Ask an administrator to check your account.",
};

/** The message for an `error` query parameter set by a next-auth redirect, or null. */
export function signInErrorFromQuery(code: string | undefined): string | null {
  if (!code) return null;
  return QUERY_ERRORS[code] ?? "Sign-in failed. Try again.";
}
