import { isAdmin, visibleConversations, type Principal } from "@/lib/auth/policy";
import { database, type Database } from "@/lib/db/client";
import { getConfigurationByKey } from "@/lib/db/configurations";
import type { ConfigurationDependents } from "@/lib/contracts/configurations";

/** Assistant replies started since `since` on each configuration, in conversations `visibleTo` may see, keyed by configuration id. */
export async function countRunsByConfigurationSince({
  db = database(),
  since,
  visibleTo,
}: {
  db?: Database;
  since: Date;
  visibleTo: Principal;
}): Promise<Map<number, number>> {
  const groups = await db.message.groupBy({
    by: ["configurationId"],
    where: {
      role: "assistant",
      createdAt: { gte: since },
      configurationId: { not: null },
      ...(isAdmin(visibleTo) ? {} : { conversation: visibleConversations(visibleTo) }),
    },
    _count: { _all: true },
  });
  const counts = new Map<number, number>();
  for (const group of groups) if (group.configurationId !== null) counts.set(group.configurationId, group._count._all);
  return counts;
}

/** What refers to a configuration: deleting it keeps these, with their configuration link emptied. */
export async function countConfigurationDependentsByKey({
  db = database(),
  key,
}: {
  db?: Database;
  key: string | number;
}): Promise<ConfigurationDependents> {
  const configuration = await getConfigurationByKey({ db, key });
  const [conversations, messages] = await Promise.all([
    db.conversation.count({ where: { configurationId: configuration.id } }),
    db.message.count({ where: { configurationId: configuration.id } }),
  ]);
  return { id: configuration.id, slug: configuration.slug, name: configuration.name, conversations, messages };
}
