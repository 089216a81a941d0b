import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { serverEnv } from "@/lib/env";

/** Shown for every wrong email or password, so the form reveals nothing about accounts. */
export const INVALID_CREDENTIALS = "Invalid email or password.";
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

let cached: NextAuthOptions | undefined;

/** next-auth settings: email + password, JWT sessions in an HttpOnly cookie. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: serverEnv().nextAuthSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // The role is read from the database on every request, so the session carries only the id.
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const user = await signInWithPassword({ email: credentials?.email, password: credentials?.password, headers: request.headers ?? {} });
          return user ? { id: String(user.id), email: user.email, name: user.name ?? user.email } : null;
        },
      }),
    ],
  };
  return cached;
}
