import { z } from "zod";
import { configurationCreateSchema, extraHeadersSchema } from "@/lib/validation/configuration";

// The connection fields of the configuration form, before it is saved.
export const providerModelsBody = configurationCreateSchema
  .pick({ provider: true, baseUrl: true, apiKey: true, extraHeaders: true })
  .extend({
    // Plain values only: a saved header value never comes back from the browser.
    extraHeaders: extraHeadersSchema.optional(),
    keyFrom: z
      .union([z.string().trim().min(1).max(100), z.int().positive()], "keyFrom must be a configuration id or slug")
      .optional(),
  });
