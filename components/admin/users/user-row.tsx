"use client";

import { useState, type ChangeEvent } from "react";
import { Cell } from "@/components/admin/data-table";
import { requestJson } from "@/components/api/request-json";
import { StatusBadge } from "@/components/ui/status-badge";
import { controlClassName } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { SignOutEverywhereButton } from "@/components/layout/sign-out-everywhere-button";
import { LocalTime } from "@/components/ui/local-time";
import { useToast } from "@/components/ui/toast";
import { userAnswerSchema, type PublicUser } from "@/lib/contracts/users";

/** One user with their role select and the deactivate / reactivate button; yourself is read-only. */
export function UserRow({
  user,
  isSelf,
  onChanged,
}: {
  user: PublicUser;
  isSelf: boolean;
  onChanged: (user: PublicUser) => void;
}) {
  const toast = useToast();
  const [pending, setPending] = useState<"role" | "active" | null>(null);

  async function change(
    patch: { role?: "admin" | "viewer"; active?: boolean },
    what: "role" | "active",
  ): Promise<void> {
    if (pending) return;
    setPending(what);
    const result = await requestJson(`/api/users/${user.id}`, userAnswerSchema, { method: "PATCH", body: patch });
    setPending(null);
    if (!result.ok) return toast(result.error.message, "error");
    onChanged(result.data.user);
    if (patch.role) toast(`${user.email} is now ${patch.role === "admin" ? "an administrator" : "a viewer"}.`);
    else
      toast(
        patch.active
          ? `${user.email} can sign in again (old sessions stay ended).`
          : `${user.email} is deactivated: signed out everywhere, their API tokens stop working.`,
      );
  }

  function onRoleChange(event: ChangeEvent<HTMLSelectElement>): void {
    const role = event.target.value === "admin" ? "admin" : "viewer";
    void change({ role }, "role");
  }

  return (
    <tr
      data-testid="user-row"
      data-email={user.email}
      className={user.active ? "" : "bg-slate-50/60 dark:bg-slate-950/40"}
    >
      <Cell>
        <div className="font-medium text-slate-900 dark:text-white">
          {user.email}
          {isSelf ? <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">(you)</span> : null}
        </div>
        {user.name ? <div className="text-xs text-slate-500 dark:text-slate-400">{user.name}</div> : null}
      </Cell>
      <Cell>
        <label className="sr-only" htmlFor={`user-role-${user.id}`}>
          Role of {user.email}
        </label>
        <select
          id={`user-role-${user.id}`}
          value={user.role}
          onChange={onRoleChange}
          disabled={isSelf || pending !== null}
          title={isSelf ? "You cannot change your own role; ask another administrator." : undefined}
          className={controlClassName(undefined, "w-32 py-1.5")}
          data-testid="user-role"
        >
          <option value="viewer">Viewer</option>
          <option value="admin">Admin</option>
        </select>
      </Cell>
      <Cell>
        {user.active ? (
          <StatusBadge tone="green" testId="user-status">
            Active
          </StatusBadge>
        ) : (
          <StatusBadge tone="grey" testId="user-status">
            Deactivated
          </StatusBadge>
        )}
      </Cell>
      <Cell>
        <LocalTime iso={user.lastSignInAt} />
      </Cell>
      <Cell>
        <LocalTime iso={user.createdAt} />
      </Cell>
      <Cell className="text-right whitespace-nowrap">
        <span className="inline-flex items-center gap-2">
          {user.active ? (
            <SignOutEverywhereButton userId={user.id} email={user.email} self={isSelf} testId="user-sign-out" />
          ) : null}
          {isSelf ? null : (
            <Button
              variant="secondary"
              pending={pending === "active"}
              onClick={() => change({ active: !user.active }, "active")}
              data-testid="user-toggle-active"
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </Button>
          )}
        </span>
      </Cell>
    </tr>
  );
}
