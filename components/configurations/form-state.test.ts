import { describe, expect, it } from "vitest";
import { EMPTY_FORM, formFromConfiguration, headerRow, toPayload, validateForm, type FormState } from "@/components/configurations/form-state";
import type { PublicConfiguration } from "@/lib/db/configurations";
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
  extraHeaders: { "X-Team": "qa" },
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
    const { payload } = toPayload({ ...valid, temperature: "0.4", stop: "END\n\nSTOP", headers: [headerRow("X-Team", "qa"), headerRow("", "")] }, "create");
    expect(payload).toMatchObject({ apiKey: "sk-test-1234", defaultParams: { temperature: 0.4, stop: ["END", "STOP"] }, extraHeaders: { "X-Team": "qa" } });
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
    const errors = validateForm({ ...valid, model: "", provider: "custom", firstTokenTimeoutMs: "90000", totalTimeoutMs: "60000" }, "create");
    expect(errors.model).toBe("model is required");
    expect(errors.baseUrl).toMatch(/custom provider needs its base URL/);
    expect(errors.firstTokenTimeoutMs).toMatch(/cannot be longer than the total/);
  });

  it("finds header problems: no name, a name twice, a header the client sets itself", () => {
    const unnamed = validateForm({ ...valid, headers: [headerRow("", "value")] }, "create");
    expect(Object.values(unnamed)).toContain("a header needs a name");
    expect(Object.values(validateForm({ ...valid, headers: [headerRow("X-A", "1"), headerRow("x-a", "2")] }, "create"))).toContain("this header is listed twice");
    expect(validateForm({ ...valid, headers: [headerRow("Host", "x")] }, "create")["extraHeaders.Host"]).toBe("this header is set by the client itself");
  });

  it("keeps, replaces or removes a stored key; the key itself never comes from the server", () => {
    const form = formFromConfiguration(saved, "edit");
    expect(form).toMatchObject({ keyAction: "keep", apiKey: "", slug: "team", temperature: "0.5", stop: "END" });
    expect(toPayload(form, "edit").payload).not.toHaveProperty("apiKey");
    expect(toPayload({ ...form, keyAction: "remove" }, "edit").payload.apiKey).toBeNull();
    expect(validateForm({ ...form, keyAction: "replace" }, "edit").apiKey).toMatch(/enter the new API key/);
    expect(toPayload({ ...form, keyAction: "replace", apiKey: "sk-new" }, "edit").payload.apiKey).toBe("sk-new");
  });

  it("starts a clone with a new name, an empty slug and the source's key kept (copied on the server)", () => {
    const form = formFromConfiguration(saved, "clone");
    expect(form).toMatchObject({ name: "Team (copy)", slug: "", keyAction: "keep" });
    const { payload } = toPayload(form, "clone");
    expect(payload).not.toHaveProperty("slug");
    expect(payload).not.toHaveProperty("apiKey");
    expect(validateForm(form, "clone")).toEqual({});
  });
});
