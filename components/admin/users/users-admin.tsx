"use client";

import { useState } from "react";
import { DataTable } from "@/components/admin/data-table";
import { CreateUserForm } from "@/components/admin/users/create-user-form";
import { UserRow } from "@/components/admin/users/user-row";
import type { PublicUser } from "@/lib/contracts/users";

const HEADERS = ["User", "Role", "Status", "Last sign-in", "Created", ""];

export function UsersAdmin({ initialUsers, currentUserId }: { initialUsers: PublicUser[]; currentUserId: number }) {
  const [users, setUsers] = useState(initialUsers);
  const replace = (changed: PublicUser) =>
    setUsers((current) => current.map((user) => (user.id === changed.id ? changed : user)));
  const add = (created: PublicUser) =>
    setUsers((current) => [...current, created].sort((a, b) => a.email.localeCompare(b.email)));
  const others = users.length - 1;

  return (
    <div className="space-y-6">
      <CreateUserForm onCreated={add} />
      <DataTable caption="Users" headers={HEADERS} testId="user-table">
        {users.map((user) => (
          <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} onChanged={replace} />
        ))}
      </DataTable>
      {others === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="users-only-you">
          You are the only user. Add a viewer for people who should use the configurations without changing them, or a
          second administrator so the team is not locked out if you are away.
        </p>
      ) : null}
    </div>
  );
}
