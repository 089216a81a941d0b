import { titleFromText } from "@/lib/conversations/title";
import { z } from "zod";
import { actsForAnother, assertMayChangeConversation, visibleConversations, type Principal } from "@/lib/auth/policy";
import type { Actor } from "@/lib/db/actor";
import { recordAudit } from "@/lib/db/audit-log";
import { database, type Database } from "@/lib/db/client";
import { lockConversation } from "@/lib/db/conversation-lock";
import { conversationIdsMatching } from "@/lib/db/conversation-search";
import type { Configuration, ConversationOrigin, Message, Prisma } from "@/lib/db/generated/prisma/client";
import { queryRows } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";

export type TurnStart = {
  conversationId: number;
  /** The conversation's creator: who (besides admins) may see, resume and stop its run. */
  ownerUserId: number | null;
  /** The reply's run id (random, lib/runs/run-id.ts). */
  runId: string;
  userMessage: Pick<Message, "id" | "content">;
  assistantMessage: Pick<Message, "id">;
  history: Pick<Message, "role" | "content">[];
  systemPrompt: string | null;
};

/** Creates an empty conversation on a configuration. */
export async function createConversation({
  db = database(),
  configuration,
  title,
  systemPrompt,
  params,
  origin = "chat",
  userId,
}: {
  db?: Database;
  configuration: Configuration;
  title?: string | undefined;
  systemPrompt?: string | undefined;
  params: Prisma.InputJsonValue;
  origin?: ConversationOrigin;
  userId: number | null;
}) {
  return db.conversation.create({
    data: {
      title: title || `${configuration.name} conversation`,
      configurationId: configuration.id,
      systemPrompt: systemPrompt || null,
      params,
      origin,
      createdById: userId,
    },
  });
}

const promptRunRowSchema = z.object({
  conversation_id: z.number().int(),
  system_prompt: z.string().nullable(),
  user_message_id: z.number().int(),
  assistant_message_id: z.number().int(),
});

// $1 title, $2 configuration id, $3 system prompt, $4 params (JSON text), $5 user id, $6 prompt, $7 run id.
const START_PROMPT_RUN = `
  WITH conversation AS (
    INSERT INTO conversations (title, configuration_id, system_prompt, params, origin, created_by_id)
    VALUES ($1, $2::int, $3, $4::jsonb, 'prompt', $5::int)
    RETURNING id, system_prompt
  ), turn AS (
    INSERT INTO messages (conversation_id, role, content, configuration_id, params, status, created_by_id, run_id)
    SELECT conversation.id, part.role::"MessageRole", part.content, $2::int, part.params, part.status::"MessageStatus", $5::int, part.run_id
    FROM conversation CROSS JOIN (VALUES (1, 'user', $6::text, NULL::jsonb, 'complete', NULL::varchar), (2, 'assistant', '', $4::jsonb, 'streaming', $7::varchar)) AS part (position, role, content, params, status, run_id)
    ORDER BY part.position
    RETURNING id, role
  )
  SELECT conversation.id AS conversation_id, conversation.system_prompt,
    (SELECT id FROM turn WHERE role = 'user') AS user_message_id,
    (SELECT id FROM turn WHERE role = 'assistant') AS assistant_message_id
  FROM conversation`;

/**
 * A prompt run: a new conversation with the user turn and the assistant reply (streaming), in ONE
 * statement (one round trip, atomic, no interactive transaction to wait for under load), straight
 * to pg (lib/db/sql.ts). The two messages come from one multi-row INSERT fed in `position` order,
 * so the user turn gets the lower id.
 */
export async function startPromptRun({
  db = database(),
  configuration,
  prompt,
  systemPrompt,
  title,
  params,
  userId,
  runId,
}: {
  db?: Database;
  configuration: Configuration;
  prompt: string;
  systemPrompt?: string | undefined;
  title?: string | undefined;
  params: Prisma.InputJsonValue;
  userId: number | null;
  runId: string;
}): Promise<TurnStart> {
  const paramsJson = JSON.stringify(params);
  const values = [
    title || titleFromText(prompt, { fallback: "Untitled prompt" }),
    configuration.id,
    systemPrompt || null,
    paramsJson,
    userId,
    prompt,
    runId,
  ];
  const rows = await queryRows(db, START_PROMPT_RUN, values, promptRunRowSchema);
  const row = rows[0];
  if (!row) throw new Error("starting a prompt run inserted no conversation");
  return {
    conversationId: row.conversation_id,
    ownerUserId: userId,
    runId,
    userMessage: { id: row.user_message_id, content: prompt },
    assistantMessage: { id: row.assistant_message_id },
    history: [],
    systemPrompt: row.system_prompt,
  };
}

/** Who created a conversation and its configuration, for deciding on a turn before loading more; 404 when missing. */
export async function findConversationOwner({ db = database(), id }: { db?: Database; id: number }) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    select: { id: true, configurationId: true, createdById: true },
  });
  if (!conversation) throw new AppError("not_found", `No conversation with id ${id}.`);
  return conversation;
}

/**
 * Appends a user turn (written by `actor`) and a streaming assistant reply to a conversation: its
 * creator or an admin only, checked under the row lock; an admin's turn in someone else's
 * conversation is audited. The history is every earlier turn that has text (a stopped reply keeps
 * what it said). One turn streams at a time.
 */
export async function startConversationTurn({
  db = database(),
  conversationId,
  configuration,
  message,
  params,
  actor,
  runId,
  beforeSave,
}: {
  db?: Database;
  conversationId: number;
  configuration: Configuration;
  message: string;
  params: Prisma.InputJsonValue;
  actor: Actor;
  runId: string;
  /** Runs under the lock with the context the turn will send; throwing saves nothing. */
  beforeSave?: (context: Pick<TurnStart, "systemPrompt" | "history">) => void | Promise<void>;
}): Promise<TurnStart> {
  return db.$transaction(async (tx) => {
    // Locks the conversation row, so two turns cannot start at once (and its creator is read as of now).
    const conversation = await lockConversation(tx, conversationId);
    const owner = { createdById: conversation.createdById };
    assertMayChangeConversation(actor, owner, "continue");
    const streaming = await tx.message.count({ where: { conversationId, status: "streaming" } });
    if (streaming > 0)
      throw new AppError("conflict", "A reply is still streaming in this conversation. Wait for it or stop it first.");
    const history = await tx.message.findMany({
      where: {
        conversationId,
        role: { in: ["user", "assistant"] },
        status: { in: ["complete", "aborted"] },
        content: { not: "" },
      },
      orderBy: { id: "asc" },
    });
    await beforeSave?.({ systemPrompt: conversation.systemPrompt, history });
    const author = actor.userId;
    const userMessage = await tx.message.create({
      data: {
        conversationId,
        role: "user",
        content: message,
        configurationId: configuration.id,
        status: "complete",
        createdById: author,
      },
    });
    const assistantMessage = await tx.message.create({
      data: {
        conversationId,
        role: "assistant",
        configurationId: configuration.id,
        params,
        status: "streaming",
        createdById: author,
        runId,
      },
    });
    await tx.conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } });
    if (actsForAnother(actor, owner)) {
      await recordAudit({
        db: tx,
        actor,
        action: "append_turn",
        entityType: "conversation",
        entityId: conversationId,
        changes: { turn: { from: null, to: { messageId: userMessage.id, runId, creatorId: owner.createdById } } },
      });
    }
    return {
      conversationId,
      ownerUserId: owner.createdById,
      runId,
      userMessage,
      assistantMessage,
      history,
      systemPrompt: conversation.systemPrompt,
    };
  });
}

/** A conversation `visibleTo` may see, with its messages (and each turn's author) in order, or a 404 (also for one they may not see). */
export async function getConversationWithMessages({
  db = database(),
  id,
  visibleTo,
}: {
  db?: Database;
  id: number;
  visibleTo: Principal;
}) {
  const conversation = await db.conversation.findFirst({
    where: { AND: [{ id }, visibleConversations(visibleTo)] },
    include: {
      messages: { orderBy: { id: "asc" }, include: { createdBy: { select: { id: true, email: true, name: true } } } },
      configuration: { select: { id: true, slug: true, name: true, provider: true, model: true } },
    },
  });
  if (!conversation) throw new AppError("not_found", `No conversation with id ${id}.`);
  return conversation;
}

export type ConversationFilters = {
  search?: string | undefined;
  configurationId?: number | undefined;
  provider?: Configuration["provider"] | undefined;
  status?: Message["status"] | undefined;
  /** Created at or after this instant. */
  createdFrom?: Date | undefined;
  /** Created before this instant. */
  createdBefore?: Date | undefined;
  page: number;
  pageSize: number;
};

/** Conversations `visibleTo` may see, newest first, filtered by title/content search, configuration, provider, reply status and creation date; no message bodies are read. */
export async function listConversations({
  db = database(),
  filters,
  visibleTo,
}: {
  db?: Database;
  filters: ConversationFilters;
  visibleTo: Principal;
}) {
  const filtered: Prisma.ConversationWhereInput = {
    ...(filters.configurationId ? { configurationId: filters.configurationId } : {}),
    ...(filters.provider ? { configuration: { provider: filters.provider } } : {}),
    ...(filters.status ? { messages: { some: { role: "assistant", status: filters.status } } } : {}),
    createdAt: { gte: filters.createdFrom, lt: filters.createdBefore },
    // Title and text, any case, through the trigram indexes (conversation-search.ts).
    ...(filters.search ? { id: { in: await conversationIdsMatching({ db, search: filters.search }) } } : {}),
  };
  const where: Prisma.ConversationWhereInput = { AND: [visibleConversations(visibleTo), filtered] };
  const [total, conversations] = await Promise.all([
    db.conversation.count({ where }),
    db.conversation.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      include: {
        configuration: { select: { id: true, slug: true, name: true, provider: true, model: true } },
        _count: { select: { messages: true } },
        // The latest reply's status only, for the list's status column.
        messages: { where: { role: "assistant" }, orderBy: { id: "desc" }, take: 1, select: { status: true } },
      },
    }),
  ]);
  return { total, conversations };
}

/** The state of a run's reply message (by run id), for stop and reconnect decisions. */
export async function findRunMessage({ db = database(), runId }: { db?: Database; runId: string }) {
  return db.message.findUnique({
    where: { runId },
    select: { id: true, status: true, conversationId: true, conversation: { select: { createdById: true } } },
  });
}
