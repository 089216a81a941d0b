// Saved conversations made over the real API: a prompt run streamed to its end.
import type { APIRequestContext } from "@playwright/test";
import { conversationAnswerSchema, type PublicConversation } from "../../lib/contracts/conversations";
import { readAnswer } from "./api";

/** Runs a prompt through POST /api/stream to its end; the run's id and the conversation it saved. */
export async function finishedRun(
  context: APIRequestContext,
  { configuration, prompt, title }: { configuration: number | string; prompt: string; title?: string },
): Promise<{ runId: string; conversationId: number }> {
  const response = await context.post("/api/stream", {
    data: { configuration: String(configuration), prompt, title },
    headers: { Accept: "text/event-stream" },
  });
  const body = await response.text();
  const match = /"type":"start"[^\n]*"runId":"([A-Za-z0-9_-]{22})"[^\n]*"conversationId":(\d+)/.exec(body);
  if (!response.ok() || !match?.[1] || !match[2])
    throw new Error(`the prompt run failed: ${response.status()} ${body.slice(0, 300)}`);
  return { runId: match[1], conversationId: Number(match[2]) };
}

/** Runs a prompt through POST /api/stream to its end and returns the conversation it saved. */
export async function promptRun(
  context: APIRequestContext,
  options: Parameters<typeof finishedRun>[1],
): Promise<number> {
  return (await finishedRun(context, options)).conversationId;
}

/** A conversation as GET /api/conversations/{id} returns it. */
export async function savedConversation(context: APIRequestContext, id: number): Promise<PublicConversation> {
  const response = await context.get(`/api/conversations/${id}`);
  if (!response.ok()) throw new Error(`GET conversation ${id}: ${response.status()}`);
  return (await readAnswer(response, conversationAnswerSchema)).conversation;
}
