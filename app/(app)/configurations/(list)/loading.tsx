// Only here and on the other list pages: a loading.tsx above a detail page would start the stream
// before its notFound() and fix the status at 200.
import { PageSkeleton } from "@/components/layout/page-skeleton";

export default function Loading() {
  return <PageSkeleton />;
}
