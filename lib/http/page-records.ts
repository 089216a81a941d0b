import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

/** A record id from a page's URL segment; anything else is the 404 page. */
export function pageRecordId(segment: string): number {
  const id = /^\d{1,10}$/.test(segment) ? Number(segment) : 0;
  if (id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** Loads a record for a page; a `not_found` AppError becomes the 404 page. */
export async function foundOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
