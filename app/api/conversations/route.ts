import type { NextRequest } from "next/server";
import { listConversationsQuery } from "@/app/api/conversations/schema";
import { requireActor } from "@/lib/auth/request-actor";
import { getConfigurationByKey } from "@/lib/db/configurations";
import { toConversationListItem } from "@/lib/views/conversation-list";
import { createConversation, getConversationWithMessages, listConversations } from "@/lib/db/conversations";
import { storedRunParams } from "@/lib/runs/stream-run";
import { BODY_LIMITS, json, readJsonBody, respond } from "@/lib/http/respond";
import { toPublicConversation } from "@/lib/views/conversations";
import { parseOrThrow } from "@/lib/validation/issues";
import { searchParamsObject } from "@/lib/validation/query";
import { conversationCreateSchema } from "@/lib/validation/stream";
import type { ConversationAnswer, ConversationListAnswer } from "@/lib/contracts/conversations";

export async function GET(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request);
    const query = parseOrThrow(listConversationsQuery, searchParamsObject(request.nextUrl), "query");
    const { total, conversations } = await listConversations({
      visibleTo: actor,
      filters: {
        search: query.search || undefined,
        configurationId: query.configuration,
        provider: query.provider,
        status: query.status,
        createdFrom: query.from,
        createdBefore: query.to,
        page: query.page,
        pageSize: query.pageSize,
      },
    });
    return json({
      total,
      page: query.page,
      pageSize: query.pageSize,
      conversations: conversations.map(toConversationListItem),
    } satisfies ConversationListAnswer);
  });
}

export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    const actor = await requireActor(request, { change: true });
    const input = parseOrThrow(
      conversationCreateSchema,
      await readJsonBody(request, { maxBytes: BODY_LIMITS.prompt }),
      "conversation",
    );
    const configuration = await getConfigurationByKey({ key: input.configuration, activeOnly: true });
    const { configuration: _key, title, system, ...params } = input;
    const created = await createConversation({
      configuration,
      title,
      systemPrompt: system,
      params: storedRunParams(params),
      userId: actor.userId,
    });
    return json(
      {
        conversation: toPublicConversation(await getConversationWithMessages({ id: created.id, visibleTo: actor })),
      } satisfies ConversationAnswer,
      { status: 201 },
    );
  });
}
