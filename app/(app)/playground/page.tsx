import type { Metadata } from "next";
import Link from "next/link";
import { firstParam } from "@/components/auth/callback-path";
import { PageHeader } from "@/components/layout/page-header";
import { Playground } from "@/components/playground/playground";
import {
  matchConfiguration,
  toPlaygroundConfiguration,
  type PlaygroundConfiguration,
} from "@/components/composer/playground-configuration";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { listConfigurations } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";

export const metadata: Metadata = { title: "Playground" };

export const dynamic = "force-dynamic";

function NoConfigurations({ isAdmin }: { isAdmin: boolean }) {
  return (
    <div
      className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/50"
      data-testid="playground-empty"
    >
      <h2 className="text-base font-semibold text-slate-900 dark:text-white">No active configuration to try</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        {isAdmin
          ? "Add a configuration, or activate one, and it appears here."
          : "Ask an administrator to add or activate a configuration; it appears here once it is active."}
      </p>
      <Link href="/" className={buttonClassName("secondary", "mt-5")}>
        Go to the configurations
      </Link>
    </div>
  );
}

export default async function PlaygroundPage({ searchParams }: PageProps<"/playground">) {
  // The layout checks too, but a page must not rely on it: they render independently.
  const user = await requirePageUser();
  const requested = firstParam((await searchParams).configuration);
  const configurations: PlaygroundConfiguration[] = (await listConfigurations()).map((row) =>
    toPlaygroundConfiguration(toPublicConfiguration(row)),
  );
  const match = matchConfiguration(configurations, requested);
  const initial = match ?? configurations[0];

  return (
    <>
      <PageHeader
        title="Playground"
        description="Send a prompt to any active configuration and watch the reply stream, with live token counts and timing."
      />
      {requested && !match && initial ? (
        <p
          className="mb-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
          role="status"
          data-testid="configuration-not-found"
        >
          No active configuration is called “{requested}”; it may have been deactivated or renamed. Showing{" "}
          {initial.name} instead.
        </p>
      ) : null}
      {initial ? (
        <Playground
          key={initial.id}
          configurations={configurations}
          initialConfigurationId={initial.id}
          isAdmin={user.role === "admin"}
        />
      ) : (
        <NoConfigurations isAdmin={user.role === "admin"} />
      )}
    </>
  );
}
