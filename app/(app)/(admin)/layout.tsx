import type { ReactNode } from "react";
import { requireAdminPage } from "@/lib/auth/page-user";

/**
 * The layout of the admin pages (users, tokens, audit). It renders before the segment's loading.tsx starts the
 * stream, so a viewer's forbidden() still sets HTTP 403 (the page's own check is too late for it).
 */
export default async function AdminPageLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return children;
}
