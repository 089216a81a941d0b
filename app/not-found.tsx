import type { Metadata } from "next";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main
      id="main"
      className="flex min-h-dvh flex-col items-center justify-center px-4 py-12 text-center"
      data-testid="not-found"
    >
      <p className="text-sm font-semibold text-blue-600 dark:text-blue-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Page not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600 dark:text-slate-400">
        This page does not exist or has moved. Check the address, or start again from the home page.
      </p>
      <Link href="/" className={buttonClassName("primary", "mt-6")}>
        Go to the home page
      </Link>
    </main>
  );
}
