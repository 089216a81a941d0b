import { createOpenAICompatibleAdapter } from "@/lib/llm/providers/openai-compatible/adapter";

/** The adapter for `custom`: any OpenAI-compatible server or gateway, at the URL the admin gives. */
export const customAdapter = createOpenAICompatibleAdapter();
