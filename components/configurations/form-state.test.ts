import { describe, expect, it } from "vitest";
import {
  EMPTY_FORM,
  errorTargets,
  formFromConfiguration,
  headerRow,
  headerRowError,
  toPayload,
  unplacedErrors,
  validateForm,
  type FormState,
} from "@/components/configurations/form-state";
import type { PublicConfiguration } from "@/lib/contracts/configurations";
import { configurationCreateSchema } from "@/lib/validation/configuration";

const valid: FormState = { ...EMPTY_FORM, name: "Team OpenAI", model: "gpt-4o-mini", apiKey: "sk-test-1234" };

const saved: PublicConfiguration = {
  id: 7,
  slug: "team",
  name: "Team",
  provider: "anthropic",
  model: "claude",
  baseUrl: null,
  hasApiKey: true,
  apiKeyLastFour: "WXYZ",
  defaultParams: { temperature: 0.5, stop: ["END"] },
  extraHeaders: [
    { name: "X-Team", hasValue: true, lastFour: null },
    { name: "Ocp-Apim-Subscription-Key", hasValue: true, lastFour: "5678" },
  ],
  firstTokenTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  maxTokensCap: null,
  active: true,
  createdAt: "2026-11-27T10:00:00.000Z",
  updatedAt: "2026-11-27T10:00:00.000Z",
};

describe("configuration form state", () => {
  it("accepts a complete form and sends what the server's schema accepts", () => {
    expect(validateForm(valid, "create")).toEqual({});
    const { payload } = toPayload(
      { ...valid, temperature: "0.4", stop: "END\n\nSTOP", headers: [headerRow("X-Team", "qa"), headerRow("", "")] },
      "create",
    );
    expect(payload).toMatchObject({
      apiKey: "sk-test-1234",
      defaultParams: { temperature: 0.4, stop: ["END", "STOP"] },
      extraHeaders: { "X-Team": "qa" },
    });
    expect(payload).not.toHaveProperty("slug");
    expect(configurationCreateSchema.safeParse(payload).success).toBe(true);
  });

  it("reports the server's messages by field, and the form's own for words in number fields", () => {
    const errors = validateForm({ ...EMPTY_FORM, temperature: "hot", topP: "2", slug: "Not A Slug!" }, "create");
    expect(errors.name).toBe("name is required");
    expect(errors.model).toBe("model is required");
    expect(errors["defaultParams.temperature"]).toBe("temperature must be a number");
    expect(errors["defaultParams.topP"]).toBe("topP must be between 0 and 1");
    expect(errors.slug).toMatch(/slug may use lowercase letters/);
  });

  it("applies the cross-field rules: a custom server needs a URL, first-token timeout within the total", () => {
    const errors = validateForm(
      { ...valid, model: "", provider: "custom", firstTokenTimeoutMs: "90000", totalTimeoutMs: "60000" },
      "create",
    );
    expect(errors.model).toBe("model is required");
    expect(errors.baseUrl).toMatch(/custom provider needs its base URL/);
    expect(errors.firstTokenTimeoutMs).toMatch(/cannot be longer than the total/);
  });

  it("finds header problems: no name, a name twice, a header the client sets itself", () => {
    const unnamed = validateForm({ ...valid, headers: [headerRow("", "value")] }, "create");
    expect(Object.values(unnamed)).toContain("a header needs a name");
    expect(
      Object.values(validateForm({ ...valid, headers: [headerRow("X-A", "1"), headerRow("x-a", "2")] }, "create")),
    ).toContain("this header is listed twice");
    expect(validateForm({ ...valid, headers: [headerRow("Host", "x")] }, "create")["extraHeaders.Host"]).toBe(
      "this header is set by the client itself",
    );
  });

  it("keeps, replaces or removes a stored key; the key itself never comes from the server", () => {
    const form = formFromConfiguration(saved, "edit");
    expect(form).toMatchObject({
      keyAction: "keep",
      hasStoredKey: true,
      apiKey: "",
      slug: "team",
      temperature: "0.5",
      stop: "END",
    });
    expect(validateForm(form, "edit")).toEqual({});
    expect(toPayload(form, "edit").payload).not.toHaveProperty("apiKey");
    expect(toPayload({ ...form, keyAction: "remove" }, "edit").payload.apiKey).toBeNull();
    expect(validateForm({ ...form, keyAction: "replace" }, "edit").apiKey).toBe(
      "enter the new API key, or choose Cancel to keep the saved one",
    );
    expect(toPayload({ ...form, keyAction: "replace", apiKey: "sk-new" }, "edit").payload.apiKey).toBe("sk-new");
  });

  // UX review defect 1: a configuration without a key could not be saved in the edit screen.
  it.each(["ollama", "local", "custom", "openai", "anthropic", "openrouter"] as const)(
    "saves a %s configuration that has no key, as it is, or with one added",
    (provider) => {
      const keyless: PublicConfiguration = {
        ...saved,
        provider,
        baseUrl: "http://127.0.0.1:4010/x",
        hasApiKey: false,
        apiKeyLastFour: null,
        extraHeaders: [],
      };
      const form = formFromConfiguration(keyless, "edit");
      expect(form.hasStoredKey).toBe(false);
      expect(validateForm(form, "edit")).toEqual({});
      expect(toPayload(form, "edit").payload).not.toHaveProperty("apiKey");
      expect(validateForm({ ...form, name: "Renamed" }, "edit")).toEqual({});
      expect(toPayload({ ...form, apiKey: "sk-added-1234" }, "edit").payload.apiKey).toBe("sk-added-1234");
      // "Remove" has nothing to remove: nothing is sent, nothing is refused.
      const removed = toPayload({ ...form, keyAction: "remove" }, "edit");
      expect(removed.payload).not.toHaveProperty("apiKey");
      expect(removed.issues).toEqual({});
    },
  );

  it("keeps saved header values without knowing them, replaces or removes them", () => {
    const form = formFromConfiguration(saved, "edit");
    expect(form.headers.map((row) => [row.name, row.value, row.keep, row.saved])).toEqual([
      ["X-Team", "", true, { name: "X-Team", lastFour: null }],
      ["Ocp-Apim-Subscription-Key", "", true, { name: "Ocp-Apim-Subscription-Key", lastFour: "5678" }],
    ]);
    expect(toPayload(form, "edit").payload.extraHeaders).toEqual({
      "X-Team": { keep: true },
      "Ocp-Apim-Subscription-Key": { keep: true },
    });
    const [team, apim] = form.headers;
    if (!team || !apim) throw new Error("two rows expected");
    const replaced = { ...form, headers: [{ ...team, keep: false, value: "blue" }, apim] };
    expect(toPayload(replaced, "edit").payload.extraHeaders).toEqual({
      "X-Team": "blue",
      "Ocp-Apim-Subscription-Key": { keep: true },
    });
    expect(configurationCreateSchema.safeParse(toPayload(replaced, "edit").payload).success).toBe(true);
    expect(toPayload({ ...form, headers: [apim] }, "edit").payload.extraHeaders).toEqual({
      "Ocp-Apim-Subscription-Key": { keep: true },
    });
    const emptied = { ...form, headers: [{ ...team, keep: false, value: "" }, apim] };
    const errors = validateForm(emptied, "edit");
    expect(headerRowError(errors, emptied.headers[0] ?? team)).toBe(
      "enter the new value, or choose Keep to leave the saved one",
    );
  });

  it("sends focus to the control that shows each problem, in the form's order", () => {
    const form = formFromConfiguration(saved, "edit");
    const [team] = form.headers;
    if (!team) throw new Error("a row expected");
    const broken = { ...form, name: "", headers: [{ ...team, keep: false, value: "" }], totalTimeoutMs: "x" };
    const errors = validateForm(broken, "edit");
    expect(errorTargets(errors, broken).map(([, id]) => id)).toEqual([
      "configuration-name",
      `header-${team.id}-value`,
      "configuration-totalTimeoutMs",
    ]);
    const kept = { ...form, headers: [team] };
    expect(errorTargets({ "extraHeaders.X-Team": "refused" }, kept)).toEqual([
      [`row-${team.id}`, `header-${team.id}-replace`],
    ]);
  });

  it("lists problems no visible control shows, so an error is never invisible", () => {
    const form = formFromConfiguration(
      { ...saved, provider: "ollama", hasApiKey: false, apiKeyLastFour: null },
      "edit",
    );
    const errors = { apiKey: "refused", monthlyBudget: "too big", name: "needed" };
    expect(unplacedErrors(errors, form, (path) => path !== "apiKey")).toEqual([
      "apiKey: refused",
      "monthlyBudget: too big",
    ]);
  });

  it("starts a clone with a new name, an empty slug and the source's key kept (copied on the server)", () => {
    const form = formFromConfiguration(saved, "clone");
    expect(form).toMatchObject({ name: "Team (copy)", slug: "", keyAction: "keep" });
    const { payload } = toPayload(form, "clone");
    expect(payload).not.toHaveProperty("slug");
    expect(payload).not.toHaveProperty("apiKey");
    expect(payload.extraHeaders).toEqual({ "X-Team": { keep: true }, "Ocp-Apim-Subscription-Key": { keep: true } });
    expect(toPayload({ ...form, keyAction: "remove" }, "clone").payload.apiKey).toBeNull();
    expect(validateForm(form, "clone")).toEqual({});
  });
});
