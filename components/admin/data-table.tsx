import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

// The frame, header cells and body cells every admin table shares; wide tables scroll sideways on phones.

export function DataTable({
  caption,
  headers,
  children,
  testId,
}: {
  caption: string;
  headers: string[];
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card className="overflow-x-auto shadow-xs">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 dark:bg-slate-900/60">
          <tr>
            {headers.map((header) => (
              <th
                key={header}
                scope="col"
                className="px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase dark:text-slate-400"
              >
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
      </table>
    </Card>
  );
}

export function Cell({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <td className={`px-4 py-3 align-middle text-slate-700 dark:text-slate-300 ${className}`}>{children}</td>;
}
