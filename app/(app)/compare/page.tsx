import type { Metadata } from "next";
import Link from "next/link";
import { CompareView } from "@/components/compare/compare-view";
import { PageHeader } from "@/components/layout/page-header";
import { toPlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { buttonClassName } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/page-user";
import { listConfigurations } from "@/lib/db/configurations";
import { toPublicConfiguration } from "@/lib/views/configurations";
import { COMPARE_MAX, COMPARE_MIN } from "@/lib/validation/conversation-sets";

export const metadata: Metadata = { title: "Compare" };
export const dynamic = "force-dynamic";

export default async function ComparePage() {
  const user = await requirePageUser();
  const configurations = (await listConfigurations()).map((row) =>
    toPlaygroundConfiguration(toPublicConfiguration(row)),
  );
  return (
    <>
      <PageHeader
        title="Compare"
        description={`Send one prompt to ${COMPARE_MIN}–${COMPARE_MAX} configurations at once and watch the replies stream side by side, with live numbers for each.`}
      />
      {configurations.length < COMPARE_MIN ? (
        <div
          className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center dark:border-slate-700 dark:bg-slate-900/50"
          data-testid="compare-unavailable"
        >
          <h2 className="text-base font-semibold text-slate-900 dark:text-white">
            Comparing needs at least {COMPARE_MIN} active configurations
          </h2>
          <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
            {configurations.length === 0 ? "There is none yet. " : "There is only one. "}
            {user.role === "admin"
              ? "Add or activate another configuration, then come back."
              : "Ask an administrator to add or activate another configuration."}
          </p>
          <Link href="/" className={buttonClassName("secondary", "mt-5")}>
            Go to the configurations
          </Link>
        </div>
      ) : (
        <CompareView
          configurations={configurations}
          isAdmin={user.role === "admin"}
          min={COMPARE_MIN}
          max={COMPARE_MAX}
        />
      )}
    </>
  );
}
