import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

/** What a viewer sees on an administrator's page (forbidden()): the reason and where to go instead. */
export function AdminOnly() {
  return (
    <Card className="mx-auto max-w-lg p-8 text-center shadow-xs" data-testid="forbidden">
      <p className="text-sm font-semibold text-amber-600 dark:text-amber-400">403 · Administrators only</p>
      <h1 className="mt-2 text-lg font-semibold text-slate-900 dark:text-white">You cannot open this page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your account has the viewer role. Ask an administrator if you need this page, or to give you the admin role.
      </p>
      <Link href="/" className={buttonClassName("secondary", "mt-6 px-4 py-2")}>
        Go to the home page
      </Link>
    </Card>
  );
}
