import { createOpenAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible/adapter";

/** The adapter for `local`: a server on this machine or network that speaks OpenAI chat completions. */
export const localAdapter = createOpenAICompatibleAdapter();
