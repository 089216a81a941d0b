import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "email is at most 320 characters")
  .pipe(z.email("enter a valid email address"));

const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "password is at most 200 characters");

const roleSchema = z.enum(["admin", "viewer"], "role must be admin or viewer");

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().max(200, "name is at most 200 characters").optional(),
  password: passwordSchema,
  role: roleSchema.default("viewer"),
});

export const userUpdateSchema = z.strictObject({
  name: z.string().trim().max(200, "name is at most 200 characters").optional(),
  password: passwordSchema.optional(),
  // Needed to change your own password, not to reset someone else's.
  currentPassword: z.string().max(200, "currentPassword is at most 200 characters").optional(),
  role: roleSchema.optional(),
  active: z.boolean("active must be true or false").optional(),
});

export const firstAdminSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().max(200, "name is at most 200 characters").optional(),
  password: passwordSchema,
});

/** What /api/setup takes: the first admin, and the one-time code when the server listens beyond loopback. */
export const setupRequestSchema = firstAdminSchema.extend({
  setupCode: z.string().trim().max(100, "setupCode is at most 100 characters").optional(),
});

export type UserCreateValues = z.output<typeof userCreateSchema>;
export type UserUpdateValues = z.output<typeof userUpdateSchema>;
export type FirstAdminValues = z.output<typeof firstAdminSchema>;
