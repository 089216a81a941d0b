import { database } from "@/lib/db/client";

/** True when PostgreSQL answers a trivial query within the time limit. */
export async function isDatabaseReachable(timeoutMs = 3000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = database().$queryRaw`SELECT 1`.then(() => true).catch(() => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
