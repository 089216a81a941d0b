import type { Metadata } from "next";
import { AdminOnly } from "@/components/admin/admin-only";

export const metadata: Metadata = { title: "Administrators only" };

export default function Forbidden() {
  return <AdminOnly />;
}
