import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPanel } from "@/components/auth/auth-panel";
import { SetupForm } from "@/components/auth/setup-form";
import { setupCodeRequired } from "@/lib/auth/setup-code";
import { countUsers } from "@/lib/db/users";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Set up" };

// Open only until the first user exists; the API refuses (403) afterwards as well.
export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/login");

  return (
    <AuthPanel
      title="Create the first administrator"
      description="This server has no users yet. The account you create here will be its administrator."
      footer="This page closes as soon as the first account exists."
    >
      <SetupForm codeRequired={setupCodeRequired()} />
    </AuthPanel>
  );
}
