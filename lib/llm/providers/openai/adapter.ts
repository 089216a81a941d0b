import { createOpenAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible/adapter";

/** The adapter for `openai`: OpenAI deprecated max_tokens, which its reasoning models refuse. */
export const openAIAdapter = createOpenAICompatibleAdapter({ maxTokensField: "max_completion_tokens" });
