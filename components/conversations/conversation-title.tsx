"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type SubmitEvent, type KeyboardEvent } from "react";
import { requestJson } from "@/components/api/request-json";
import { toSentence } from "@/components/api/api-error";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { renamedConversationAnswerSchema } from "@/lib/contracts/conversations";

/** The conversation's title as the page heading; those who may change it can rename it in place. */
export function ConversationTitle({ id, title, canRename }: { id: number; title: string; canRename: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const renameButtonRef = useRef<HTMLButtonElement>(null);

  function close(): void {
    setEditing(false);
    setError(undefined);
    setValue(title);
    // Back to the button that opened the form, so keyboard users keep their place.
    requestAnimationFrame(() => renameButtonRef.current?.focus());
  }

  async function save(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const next = value.trim();
    if (next === "") return setError("Enter a title.");
    if (next === title) return close();
    setPending(true);
    const result = await requestJson(`/api/conversations/${id}`, renamedConversationAnswerSchema, {
      method: "PATCH",
      body: { title: next },
    });
    setPending(false);
    if (!result.ok) return setError(toSentence(result.error.issues[0]?.message ?? result.error.message));
    toast("Renamed.");
    setEditing(false);
    router.refresh();
    requestAnimationFrame(() => renameButtonRef.current?.focus());
  }

  if (editing) {
    return (
      <form
        onSubmit={(event) => void save(event)}
        onKeyDown={(event: KeyboardEvent) => event.key === "Escape" && close()}
        className="flex flex-wrap items-end gap-2"
        data-testid="rename-form"
      >
        <TextField
          id="rename-title"
          label="Title"
          value={value}
          maxLength={300}
          autoFocus
          error={error}
          onChange={(event) => setValue(event.target.value)}
          className="min-w-0 flex-1 sm:min-w-96"
          data-testid="rename-input"
        />
        <Button type="submit" pending={pending} data-testid="rename-save">
          Save
        </Button>
        <Button variant="ghost" onClick={close} className="py-2">
          Cancel
        </Button>
      </form>
    );
  }
  return (
    <div className="flex min-w-0 items-center gap-2">
      <h1
        className="min-w-0 text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-white"
        data-testid="conversation-title"
      >
        {title}
      </h1>
      {canRename ? (
        <Button
          ref={renameButtonRef}
          variant="ghost"
          onClick={() => setEditing(true)}
          className="shrink-0"
          data-testid="rename-button"
        >
          Rename
        </Button>
      ) : null}
    </div>
  );
}
