// The official SDKs throw their own error classes. Each SDK's provider folder reads them
// (sdk-errors.ts there) into an SdkFailure, which lib/llm/errors.ts maps like any other failure,
// so the generic mapping imports no SDK.

/** What an SDK threw, in the words every SDK shares; each SDK's provider folder reads its own classes into it. */
export type SdkFailure =
  /** The SDK's own abort error. */
  | { kind: "user-abort" }
  /** The SDK's connect timeout. */
  | { kind: "connect-timeout" }
  /** The SDK could not connect, or lost the connection; `cause` is what fetch threw. */
  | { kind: "connection"; cause: unknown }
  /** An HTTP error response (with a status), or an error the provider reported inside the stream (without). */
  | { kind: "api"; status: number | undefined; headers: Headers | undefined; body: unknown; message: string };

/** Reads one SDK's error classes; null for anything that SDK did not throw. */
export type SdkErrorReader = (error: unknown) => SdkFailure | null;

type ErrorClass<T> = abstract new (...args: never[]) => T;

/** The four error classes the official SDKs (openai, @anthropic-ai/sdk) share by design. */
type SdkErrorClasses = {
  userAbort: ErrorClass<Error>;
  connectTimeout: ErrorClass<Error>;
  connection: ErrorClass<Error>;
  api: ErrorClass<Error & { status: number | undefined; headers: Headers | undefined; error: unknown }>;
};

/** A reader for an SDK of that family. Subclasses first: the abort error is an APIError, the timeout a connection error. */
export function sdkErrorReader(classes: SdkErrorClasses): SdkErrorReader {
  return (error) => {
    if (error instanceof classes.userAbort) return { kind: "user-abort" };
    if (error instanceof classes.connectTimeout) return { kind: "connect-timeout" };
    if (error instanceof classes.connection) return { kind: "connection", cause: error.cause ?? error };
    if (error instanceof classes.api) {
      return { kind: "api", status: error.status, headers: error.headers, body: error.error, message: error.message };
    }
    return null;
  };
}
