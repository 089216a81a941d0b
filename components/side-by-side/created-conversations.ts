import { z } from "zod";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";

// The part of a created conversation the side-by-side pages use.
const createdConversation = z.object({ id: z.number(), configuration: z.object({ id: z.number() }).nullable() });

export const createdReplaysSchema = z.object({ conversations: z.array(createdConversation) });
export const createdCompareSetSchema = z.object({
  set: z.object({ id: z.number(), conversations: z.array(createdConversation) }),
});

export type CreatedConversation = z.infer<typeof createdConversation>;

export type Column = { configuration: PlaygroundConfiguration; conversationId: number };

/** The created conversations as columns, each with its configuration (in the order the server made them). */
export function columnsFor(conversations: CreatedConversation[], configurations: PlaygroundConfiguration[]): Column[] {
  return conversations.flatMap((conversation) => {
    const configuration = configurations.find((candidate) => candidate.id === conversation.configuration?.id);
    return configuration ? [{ configuration, conversationId: conversation.id }] : [];
  });
}
