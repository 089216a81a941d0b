import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { endSession } from "@/lib/auth/identity-changes";
import { createSession, SESSION_MAX_AGE_SECONDS } from "@/lib/db/sessions";
import { serverEnv } from "@/lib/env";

let cached: NextAuthOptions | undefined;

/** next-auth settings: email + password, JWT sessions in an HttpOnly cookie. */
export function authOptions(): NextAuthOptions {
  cached ??= {
    secret: serverEnv().nextAuthSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    callbacks: {
      // At sign-in the cookie gets the id of a new server-side session (lib/db/sessions.ts); every
      // request checks that row, so the session can be ended on the server.
      async jwt({ token, user }) {
        if (user) token.sid = (await createSession({ userId: Number(user.id) })).id;
        return token;
      },
      // The role is read from the database on every request, so the session carries only the id.
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
    events: {
      // Sign-out ends the session on the server too: a copy of the cookie stops working.
      async signOut({ token }) {
        const sessionId: unknown = token?.sid;
        if (typeof sessionId === "string") await endSession({ sessionId });
      },
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const user = await signInWithPassword({
            email: credentials?.email,
            password: credentials?.password,
            headers: request.headers ?? {},
          });
          return user ? { id: String(user.id), email: user.email, name: user.name ?? user.email } : null;
        },
      }),
    ],
  };
  return cached;
}
