import type { Metadata } from "next";
import { UsersAdmin } from "@/components/admin/users/users-admin";
import { PageHeader } from "@/components/layout/page-header";
import { requireAdminPage } from "@/lib/auth/page-user";
import { listUsers } from "@/lib/db/users";
import { toPublicUser } from "@/lib/views/users";

export const metadata: Metadata = { title: "Users" };

export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const user = await requireAdminPage();
  const users = (await listUsers()).map(toPublicUser);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and whether they can change things (administrator) or only use them (viewer). Deactivating signs a user out at once."
      />
      <UsersAdmin initialUsers={users} currentUserId={user.id} />
    </>
  );
}
