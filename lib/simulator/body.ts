// Narrowing helpers for request bodies (outside data: parsed to Json, then read field by field).
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { Json } from "./types";

export type JsonObject = { [key: string]: Json };

export function parseJson(text: string): Json | undefined {
  try {
    return z.json().parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function isObject(value: Json | undefined | null): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringField(object: JsonObject, key: string): string | null {
  const value = object[key];
  return typeof value === "string" ? value : null;
}

export function numberField(object: JsonObject, key: string): number | null {
  const value = object[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function booleanField(object: JsonObject, key: string): boolean | null {
  const value = object[key];
  return typeof value === "boolean" ? value : null;
}

export function objectField(object: JsonObject, key: string): JsonObject | null {
  const value = object[key];
  return isObject(value) ? value : null;
}

/** `"x"` or `["x", "y"]` as a list of strings. */
export function stringList(value: Json | undefined): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}

/** Text of a message `content`: a string, or an array of parts/blocks with `text`. */
export function contentText(content: Json | undefined): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (isObject(part) && typeof part.text === "string" ? part.text : ""))
    .filter((text) => text.length > 0)
    .join("\n");
}

/** `[{role, content}]` → every text, and the last user text. */
export function conversationTexts(messages: Json[]): { lastUserText: string; promptTexts: string[] } {
  let lastUserText = "";
  const promptTexts: string[] = [];
  for (const message of messages) {
    if (!isObject(message)) continue;
    const text = contentText(message.content);
    promptTexts.push(text);
    if (message.role === "user") lastUserText = text;
  }
  return { lastUserText, promptTexts };
}

export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** The key from `Authorization: Bearer <key>`; null when absent or empty. */
export function bearerKey(headers: IncomingHttpHeaders): string | null {
  const match = /^Bearer\s+(.+)$/iu.exec(header(headers, "authorization") ?? "");
  const key = match?.[1]?.trim();
  return key ? key : null;
}

/** A key the simulator refuses: equal to `sk-invalid` or containing "invalid". */
export function isRefusedKey(key: string): boolean {
  return key.toLowerCase().includes("invalid");
}

/** Names that real providers treat as reasoning models (they think without being asked). */
export function isReasoningModel(model: string): boolean {
  return /(^|[^a-z0-9])(o1|o3|o4)([^a-z0-9]|$)|gpt-5|r1|qwen3|reasoner|thinking|gpt-oss|magistral/iu.test(model);
}

/** Anthropic-style JSON: `": "` and `", "` separators, as the documented stream shows. */
export function spacedJson(value: Json): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${spacedJson(item)}`)
    .join(", ")}}`;
}

export function jsonReply(
  status: number,
  body: Json,
  headers: Record<string, string | number> = {},
): { status: number; headers: Record<string, string | number>; body: string } {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}
