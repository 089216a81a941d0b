import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import type { PublicConversation } from "@/lib/contracts/conversations";

/** The part of a created conversation the side-by-side pages use. */
type CreatedConversation = Pick<PublicConversation, "id" | "configuration">;

export type Column = { configuration: PlaygroundConfiguration; conversationId: number };

/** The created conversations as columns, each with its configuration (in the order the server made them). */
export function columnsFor(conversations: CreatedConversation[], configurations: PlaygroundConfiguration[]): Column[] {
  return conversations.flatMap((conversation) => {
    const configuration = configurations.find((candidate) => candidate.id === conversation.configuration?.id);
    return configuration ? [{ configuration, conversationId: conversation.id }] : [];
  });
}
