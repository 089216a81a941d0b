import { z } from "zod";

// The part of a created conversation the side-by-side pages use.
const createdConversation = z.object({ id: z.number(), configuration: z.object({ id: z.number() }).nullable() });

export const createdReplaysSchema = z.object({ conversations: z.array(createdConversation) });
export const createdCompareSetSchema = z.object({ set: z.object({ id: z.number(), conversations: z.array(createdConversation) }) });

export type CreatedConversation = z.infer<typeof createdConversation>;
