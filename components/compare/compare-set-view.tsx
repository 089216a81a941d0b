import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { initialRunState } from "@/components/run/run-state";
import { columnGridClassName, SavedLink } from "@/components/side-by-side/column-parts";
import { RunColumn } from "@/components/side-by-side/run-column";
import { runStateOfSavedReply, type SavedReply } from "@/components/side-by-side/saved-run-state";

export type SavedMember = {
  conversationId: number;
  configuration: Pick<PlaygroundConfiguration, "id" | "name" | "provider" | "model"> | null;
  reply: SavedReply | null;
};

const DELETED = { id: 0, name: "Deleted configuration", provider: "custom", model: "unknown" } as const;

/** A saved compare set: every configuration's reply with its final numbers, as the live page showed them. */
export function CompareSetView({ members, isAdmin }: { members: SavedMember[]; isAdmin: boolean }) {
  return (
    <div className={columnGridClassName(members.length)} data-testid="compare-columns">
      {members.map((member) => {
        const state = member.reply
          ? runStateOfSavedReply(member.reply)
          : { ...initialRunState, conversationId: member.conversationId };
        return (
          <RunColumn
            key={member.conversationId}
            configuration={member.configuration ?? DELETED}
            state={state}
            now={0}
            entries={member.reply ? [{ key: "reply", message: null, text: state.text, streaming: false }] : []}
            isAdmin={isAdmin}
            placeholder="No reply was saved: the set was left before this configuration's reply started."
            footer={
              <SavedLink href={`/conversations/${member.conversationId}`} testId="compare-conversation-link">
                Open conversation #{member.conversationId}
              </SavedLink>
            }
          />
        );
      })}
    </div>
  );
}
