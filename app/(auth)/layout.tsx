import type { ReactNode } from "react";
import { Brand } from "@/components/layout/brand";
import { ThemeToggle } from "@/components/theme/theme-toggle";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gradient-to-b from-slate-50 to-slate-100 px-4 py-12 sm:px-6 dark:from-slate-950 dark:to-slate-900">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex justify-center">
          <Brand size="lg" />
        </div>
        <main id="main">{children}</main>
      </div>
      <p className="mt-10 max-w-sm text-center text-xs text-slate-500 dark:text-slate-400">
        Provider API keys are encrypted at rest and never sent to the browser.
      </p>
      <div className="mt-4">
        <ThemeToggle />
      </div>
    </div>
  );
}
