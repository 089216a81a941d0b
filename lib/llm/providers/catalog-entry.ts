import type { LlmErrorCode } from "@/lib/llm/types";

// What the whole app knows about one provider besides how to talk to it. Isomorphic: the browser
// imports it (the configuration form, the composer, the badge), so it holds data only and imports
// nothing that runs on the server.

/** A colour the provider badge knows (components/configurations/provider-badge.tsx). */
export type BadgeTone = "emerald" | "orange" | "violet" | "slate" | "sky" | "pink" | "blue" | "amber";

/** How a provider is asked to reason, and the sentence the composer shows about it. */
type ReasoningSupport =
  /** An effort level (low/medium/high); `hint` completes "Reasoning effort: …". */
  | { style: "effort"; hint: string }
  /** A token budget; `hint` is the sentence under the field. */
  | { style: "budget"; hint: string }
  /** No reasoning option; `hint` says so. */
  | { style: "none"; hint: string };

export type ProviderCatalogEntry = {
  label: string;
  /** The base URL used when the field is empty; null when the admin must give one. */
  defaultBaseUrl: string | null;
  /** A version or API path the SDK adds itself, dropped from a configured URL after its trailing slashes. */
  sdkAddedPath?: RegExp;
  /** The form's hint on how the base URL is written. */
  baseUrlShape: string;
  /** The form's hint under the extra headers. */
  headersHint: string;
  /** `optional`: servers of this kind usually run without a key. `hiddenUntilSet`: the key field appears only once a key is stored or typed. */
  apiKey: { optional: boolean; hiddenUntilSet: boolean };
  reasoning: ReasoningSupport;
  /** The form's example of a model id and of a key, as this provider writes them. */
  placeholders: { model: string; apiKey: string };
  badgeTone: BadgeTone;
  /** How error messages name the provider: by its label, or (self-hosted servers) by the host of its base URL. */
  errorName: { by: "label" } | { by: "host"; prefix: string };
  /** HTTP statuses this provider uses in its own sense; the others map as everywhere (lib/llm/errors.ts). */
  httpStatusCodes?: Readonly<Partial<Record<number, LlmErrorCode>>>;
};
