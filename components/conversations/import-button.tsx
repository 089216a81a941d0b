"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";
import { readApiError } from "@/components/api/api-error";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { importedConversationAnswerSchema } from "@/lib/contracts/conversations";
import { IMPORT_MAX_BYTES } from "@/lib/validation/conversation-file";

/** Uploads a JSON export; the new conversation opens when it is in. */
export function ImportButton() {
  const router = useRouter();
  const toast = useToast();
  const hydrated = useHydrated();
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);

  async function upload(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    if (file.size > IMPORT_MAX_BYTES) {
      toast(`${file.name} is larger than 20 MB, the import limit. Export the conversation again or split it.`, "error");
      return;
    }
    setPending(true);
    try {
      const response = await fetch("/api/conversations/import", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: await file.text(),
      });
      if (!response.ok) {
        const apiError = await readApiError(response);
        toast(`${file.name} was not imported. ${apiError.message}`, "error");
        return;
      }
      const answer = importedConversationAnswerSchema.safeParse(await response.json().catch(() => null));
      if (!answer.success) {
        toast(
          `${file.name} was sent, but the server's answer was not understood. Reload the page to see whether it was imported.`,
          "error",
        );
        return;
      }
      const body = answer.data;
      const note = body.conversation.configurationMatched
        ? ""
        : " Its configuration does not exist here: pick one when you continue it.";
      toast(
        `Imported as conversation #${body.conversation.id}.${note}`,
        body.conversation.configurationMatched ? "success" : "info",
      );
      router.push(`/conversations/${body.conversation.id}`);
    } catch {
      toast("The import did not reach the server. Check your connection and try again.", "error");
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => void upload(event)}
        data-testid="import-input"
      />
      <Button
        variant="secondary"
        onClick={() => inputRef.current?.click()}
        disabled={!hydrated}
        pending={pending}
        data-testid="import-button"
      >
        {pending ? "Importing…" : "Import JSON export"}
      </Button>
    </>
  );
}
