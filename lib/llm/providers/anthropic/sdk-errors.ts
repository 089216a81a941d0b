import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import { sdkErrorReader } from "@/lib/llm/sdk-failure";

/** What the Anthropic SDK throws, read for lib/llm/errors.ts. */
export const readAnthropicSdkError = sdkErrorReader({
  userAbort: APIUserAbortError,
  connectTimeout: APIConnectionTimeoutError,
  connection: APIConnectionError,
  api: APIError,
});
