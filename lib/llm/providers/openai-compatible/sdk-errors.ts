import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { sdkErrorReader } from "@/lib/llm/sdk-failure";

/** What the openai SDK throws, read for lib/llm/errors.ts. */
export const readOpenAISdkError = sdkErrorReader({
  userAbort: APIUserAbortError,
  connectTimeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
});
