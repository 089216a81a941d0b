import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPanel } from "@/components/auth/auth-panel";
import { firstParam, safeCallbackPath } from "@/components/auth/callback-path";
import { signInErrorFromQuery } from "@/components/auth/sign-in-error";
import { SignInForm } from "@/components/auth/sign-in-form";
import { findPageUser } from "@/lib/auth/page-user";
import { countUsers } from "@/lib/db/users";

// Reads the database on every request; `next build` must never need one.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  if ((await countUsers()) === 0) redirect("/setup");
  const params = await searchParams;
  const callbackPath = safeCallbackPath(firstParam(params.callbackUrl));
  if (await findPageUser()) redirect(callbackPath);

  return (
    <AuthPanel title="Sign in" description="Use the email and password of your LLM Manager account.">
      <SignInForm callbackPath={callbackPath} initialError={signInErrorFromQuery(firstParam(params.error))} />
    </AuthPanel>
  );
}
