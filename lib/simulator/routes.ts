// Which path speaks which provider. Base URLs as configurations use them: `${SIM}/openai/v1`,
// `${SIM}/anthropic`, `${SIM}/openrouter/api/v1`, `${SIM}/ollama`, `${SIM}/gemini`, `${SIM}/local/v1`,
// `${SIM}/custom/v1`.
import { anthropicFormat } from "./formats/anthropic";
import type { ChatFormat } from "./formats/format";
import { geminiFormat } from "./formats/gemini";
import { ollamaChatFormat, ollamaGenerateFormat } from "./formats/ollama";
import { openAiCompatibleFormat } from "./formats/openai";
import { openRouterFormat } from "./formats/openrouter";
import type { PlainReply, ProviderRoute } from "./types";

export type Route =
  /** `model` when the path names it (Gemini's `models/{model}:generateContent`), not the body. */
  | { provider: ProviderRoute; kind: "chat"; format: ChatFormat; model?: string }
  | { provider: ProviderRoute; kind: "models"; format: ChatFormat; authenticate: boolean }
  | { provider: ProviderRoute; kind: "static"; format: ChatFormat; reply: PlainReply };

const PREFIXES: { prefix: string; provider: ProviderRoute; format: ChatFormat }[] = [
  { prefix: "/openai/v1", provider: "openai", format: openAiCompatibleFormat("openai") },
  { prefix: "/local/v1", provider: "local", format: openAiCompatibleFormat("local") },
  { prefix: "/custom/v1", provider: "custom", format: openAiCompatibleFormat("custom") },
  { prefix: "/openrouter/api/v1", provider: "openrouter", format: openRouterFormat },
  { prefix: "/anthropic", provider: "anthropic", format: anthropicFormat },
  { prefix: "/ollama", provider: "ollama", format: ollamaChatFormat },
  { prefix: "/gemini", provider: "gemini", format: geminiFormat({ stream: true, model: "" }) },
];

const TABLE = new Map<string, Route>();
for (const { prefix, provider, format } of PREFIXES) {
  if (provider === "ollama" || provider === "gemini") continue;
  const chatPath = provider === "anthropic" ? "/v1/messages" : "/chat/completions";
  const modelsPath = provider === "anthropic" ? "/v1/models" : "/models";
  TABLE.set(`POST ${prefix}${chatPath}`, { provider, kind: "chat", format });
  TABLE.set(`GET ${prefix}${modelsPath}`, {
    provider,
    kind: "models",
    format,
    authenticate: provider !== "openrouter",
  });
}
TABLE.set("POST /ollama/api/chat", { provider: "ollama", kind: "chat", format: ollamaChatFormat });
TABLE.set("POST /ollama/api/generate", { provider: "ollama", kind: "chat", format: ollamaGenerateFormat });
TABLE.set("GET /ollama/api/tags", { provider: "ollama", kind: "models", format: ollamaChatFormat, authenticate: true });
TABLE.set("GET /ollama/api/version", {
  provider: "ollama",
  kind: "static",
  format: ollamaChatFormat,
  reply: { status: 200, headers: { "content-type": "application/json" }, body: '{"version":"0.12.6"}' },
});
for (const path of ["/ollama", "/ollama/"]) {
  TABLE.set(`GET ${path}`, {
    provider: "ollama",
    kind: "static",
    format: ollamaChatFormat,
    reply: { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Ollama is running" },
  });
}

TABLE.set("GET /gemini/v1beta/models", {
  provider: "gemini",
  kind: "models",
  format: geminiFormat({ stream: true, model: "" }),
  authenticate: true,
});

// Gemini names the model in the path; the SDK always asks for `alt=sse`, the only streaming form simulated.
const GEMINI_CHAT = /^\/gemini\/v1beta\/models\/([^/:]+):(streamGenerateContent|generateContent)$/u;

function geminiChatRoute(method: string, path: string): Route | null {
  const match = GEMINI_CHAT.exec(path);
  const model = match?.[1];
  if (method !== "POST" || !model) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(model);
  } catch {
    return null;
  }
  const stream = match[2] === "streamGenerateContent";
  return { provider: "gemini", kind: "chat", format: geminiFormat({ stream, model: decoded }), model: decoded };
}

/** Every provider route, for the control API's description. */
export const ROUTES: string[] = [
  ...TABLE.keys(),
  "POST /gemini/v1beta/models/{model}:streamGenerateContent?alt=sse",
  "POST /gemini/v1beta/models/{model}:generateContent",
];

/** The route for a request; a known provider prefix with an unknown path gives a 404/405 in that provider's format. */
export function matchRoute(
  method: string,
  path: string,
): Route | { provider: ProviderRoute; format: ChatFormat; status: 404 | 405 } | null {
  const exact = TABLE.get(`${method} ${path}`) ?? geminiChatRoute(method, path);
  if (exact) return exact;
  const prefix = PREFIXES.find((entry) => path === entry.prefix || path.startsWith(`${entry.prefix}/`));
  if (!prefix) return null;
  const otherMethod = [...TABLE.keys()].some((key) => key.endsWith(` ${path}`));
  return { provider: prefix.provider, format: prefix.format, status: otherMethod ? 405 : 404 };
}
