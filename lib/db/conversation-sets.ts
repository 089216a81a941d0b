import { visibleConversations, type Principal } from "@/lib/auth/policy";
import { titleFromText } from "@/lib/conversations/title";
import { database, type Database } from "@/lib/db/client";
import { getConfigurationByKey } from "@/lib/db/configurations";
import type { Configuration, Prisma } from "@/lib/db/generated/prisma/client";
import { AppError } from "@/lib/errors";

// Conversations made from other conversations. A re-run is one conversation per configuration,
// origin "replay", pointing at the conversation it replays. A compare set is a parent
// conversation (origin "compare", no configuration, no messages) holding the prompt's settings,
// and one member conversation per configuration (origin "compare") pointing at that parent.

const CONFIGURATION_SUMMARY = { select: { id: true, slug: true, name: true, provider: true, model: true } } as const;

async function activeConfigurations(db: Database, keys: string[]): Promise<Configuration[]> {
  const configurations: Configuration[] = [];
  for (const key of keys) configurations.push(await getConfigurationByKey({ db, key, activeOnly: true }));
  const ids = new Set(configurations.map((configuration) => configuration.id));
  if (ids.size !== configurations.length)
    throw new AppError(
      "invalid_params",
      "The same configuration is listed twice (once by id, once by slug). List each one once.",
    );
  return configurations;
}

/**
 * New empty conversations of `actor` that re-run `originId` on each configuration, with the
 * original's system prompt and parameters. 404 for an unknown conversation (or one `actor` may
 * not see) or configuration; 400 when the original has no user turn to re-run.
 */
export async function createReplayConversations({
  db = database(),
  originId,
  configurationKeys,
  actor,
}: {
  db?: Database;
  originId: number;
  configurationKeys: string[];
  actor: Principal;
}) {
  const configurations = await activeConfigurations(db, configurationKeys);
  const userId = actor.userId;
  return db.$transaction(async (tx) => {
    const origin = await tx.conversation.findFirst({
      where: { AND: [{ id: originId }, visibleConversations(actor)] },
      include: { _count: { select: { messages: { where: { role: "user" } } } } },
    });
    if (!origin) throw new AppError("not_found", `No conversation with id ${originId}.`);
    if (origin._count.messages === 0)
      throw new AppError("invalid_params", "This conversation has no user turn to re-run. Send it a message first.");
    const created = [];
    for (const configuration of configurations) {
      created.push(
        await tx.conversation.create({
          data: {
            title: `Re-run of “${titleFromText(origin.title, { max: 200 })}” on ${configuration.name}`,
            configurationId: configuration.id,
            systemPrompt: origin.systemPrompt,
            params: origin.params ?? {},
            origin: "replay",
            originConversationId: origin.id,
            createdById: userId,
          },
          include: { configuration: CONFIGURATION_SUMMARY },
        }),
      );
    }
    return created;
  });
}

/** A compare set: the parent and one empty member conversation per configuration, in one transaction. */
export async function createCompareSet({
  db = database(),
  configurationKeys,
  prompt,
  systemPrompt,
  title,
  params,
  userId,
}: {
  db?: Database;
  configurationKeys: string[];
  prompt: string;
  systemPrompt?: string | undefined;
  title?: string | undefined;
  params: Prisma.InputJsonValue;
  userId: number | null;
}) {
  const configurations = await activeConfigurations(db, configurationKeys);
  return db.$transaction(async (tx) => {
    const setTitle = title || `Compare: ${titleFromText(prompt)}`;
    const parent = await tx.conversation.create({
      data: {
        title: setTitle,
        configurationId: null,
        systemPrompt: systemPrompt || null,
        params,
        origin: "compare",
        createdById: userId,
      },
    });
    const members = [];
    for (const configuration of configurations) {
      members.push(
        await tx.conversation.create({
          data: {
            title: `${setTitle} — ${configuration.name}`,
            configurationId: configuration.id,
            systemPrompt: systemPrompt || null,
            params,
            origin: "compare",
            originConversationId: parent.id,
            createdById: userId,
          },
          include: { configuration: CONFIGURATION_SUMMARY },
        }),
      );
    }
    return { set: parent, members };
  });
}

/** A saved compare set `visibleTo` may see, with its members' messages; a 404 when `id` is not a set's parent, or not theirs. */
export async function getCompareSet({
  db = database(),
  id,
  visibleTo,
}: {
  db?: Database;
  id: number;
  visibleTo: Principal;
}) {
  const set = await db.conversation.findFirst({
    where: { AND: [{ id }, visibleConversations(visibleTo)] },
    include: {
      // Members are made with the set, by its creator; filtered anyway, so a member is never shown to someone who may not see it.
      replays: {
        where: visibleConversations(visibleTo),
        orderBy: { id: "asc" },
        include: {
          configuration: CONFIGURATION_SUMMARY,
          messages: {
            orderBy: { id: "asc" },
            include: { createdBy: { select: { id: true, email: true, name: true } } },
          },
        },
      },
    },
  });
  if (!set || set.origin !== "compare" || set.originConversationId !== null)
    throw new AppError("not_found", `No compare set with id ${id}.`);
  return set;
}
