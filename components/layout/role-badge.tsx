const styles = {
  admin:
    "bg-indigo-50 text-indigo-700 ring-indigo-600/20 dark:bg-indigo-500/10 dark:text-indigo-300 dark:ring-indigo-400/30",
  viewer:
    "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-500/10 dark:text-slate-300 dark:ring-slate-400/30",
} as const;

const labels = { admin: "Admin", viewer: "Viewer" } as const;

export function RoleBadge({ role }: { role: "admin" | "viewer" }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles[role]}`}
      data-testid="current-user-role"
    >
      <span className="sr-only">Role: </span>
      {labels[role]}
    </span>
  );
}
