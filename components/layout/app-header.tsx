import Link from "next/link";
import { Brand } from "@/components/layout/brand";
import { HeaderNav } from "@/components/layout/header-nav";
import { NavLink } from "@/components/layout/nav-link";
import { RoleBadge } from "@/components/layout/role-badge";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { SignOutEverywhereButton } from "@/components/layout/sign-out-everywhere-button";
import { ThemeToggle } from "@/components/theme/theme-toggle";

type HeaderUser = { id: number; email: string; name: string | null; role: "admin" | "viewer" };

// Only pages that exist are linked; new sections add one NavLink line here.
export function AppHeader({ user }: { user: HeaderUser }) {
  const isAdmin = user.role === "admin";
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75 dark:border-slate-800 dark:bg-slate-900/90 dark:supports-[backdrop-filter]:bg-slate-900/75">
      <div className="relative mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4 sm:px-6 lg:px-8">
        <Link href="/" className="rounded-lg">
          <Brand compact />
        </Link>
        <HeaderNav>
          <NavLink href="/">Home</NavLink>
          <NavLink href="/playground">Playground</NavLink>
          <NavLink href="/configurations">Configurations</NavLink>
          <NavLink href="/conversations">Conversations</NavLink>
          <NavLink href="/compare">Compare</NavLink>
          {isAdmin ? <NavLink href="/users">Users</NavLink> : null}
          {isAdmin ? <NavLink href="/tokens">API tokens</NavLink> : null}
          {isAdmin ? <NavLink href="/audit">Audit log</NavLink> : null}
          {/* Below md the header has no room for it: the menu carries it instead. */}
          <span className="mt-1 border-t border-slate-200 pt-2 md:hidden dark:border-slate-800">
            <SignOutEverywhereButton userId={user.id} email={user.email} self />
          </span>
        </HeaderNav>
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <span
            className="hidden min-w-0 max-w-56 truncate text-sm text-slate-600 2xl:inline dark:text-slate-300"
            title={user.name ? `${user.name} <${user.email}>` : user.email}
            data-testid="current-user-email"
          >
            <span className="sr-only">Signed in as </span>
            {user.email}
          </span>
          <RoleBadge role={user.role} />
          <ThemeToggle />
          {/* Phones keep the header to the menu and Sign out: the page must not scroll sideways. */}
          <span className="hidden md:inline-flex">
            <SignOutEverywhereButton userId={user.id} email={user.email} self />
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
