import Link from "next/link";
import { Brand } from "@/components/layout/brand";
import { NavLink } from "@/components/layout/nav-link";
import { RoleBadge } from "@/components/layout/role-badge";
import { SignOutButton } from "@/components/layout/sign-out-button";

type HeaderUser = { email: string; name: string | null; role: "admin" | "viewer" };

// Only pages that exist are linked; new sections add a NavLink here.
export function AppHeader({ user }: { user: HeaderUser }) {
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75 dark:border-slate-800 dark:bg-slate-900/90 dark:supports-[backdrop-filter]:bg-slate-900/75">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-6 sm:px-6 lg:px-8">
        <Link href="/" className="rounded-lg">
          <Brand compact />
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/">Home</NavLink>
          <NavLink href="/playground">Playground</NavLink>
          <NavLink href="/configurations">Configurations</NavLink>
        </nav>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <span className="hidden min-w-0 max-w-56 truncate text-sm text-slate-600 sm:inline dark:text-slate-300" title={user.name ? `${user.name} <${user.email}>` : user.email} data-testid="current-user-email">
            <span className="sr-only">Signed in as </span>
            {user.email}
          </span>
          <RoleBadge role={user.role} />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
