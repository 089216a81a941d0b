"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { requestJson } from "@/components/api/request-json";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { deletedConversationAnswerSchema } from "@/lib/contracts/conversations";

/** Delete behind a confirmation dialog (a modal <dialog>: focus stays inside, Esc cancels). */
export function DeleteConversationButton({
  id,
  title,
  messageCount,
}: {
  id: number;
  title: string;
  messageCount: number;
}) {
  const router = useRouter();
  const toast = useToast();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);

  async function remove(): Promise<void> {
    setPending(true);
    const result = await requestJson(`/api/conversations/${id}`, deletedConversationAnswerSchema, { method: "DELETE" });
    setPending(false);
    dialogRef.current?.close();
    if (!result.ok) return toast(result.error.message, "error");
    toast(`Deleted “${title}”.`);
    router.push("/conversations");
    router.refresh();
  }

  return (
    <>
      <Button
        variant="secondary"
        onClick={() => dialogRef.current?.showModal()}
        className="text-red-700 hover:text-red-800 dark:text-red-300 dark:hover:text-red-200"
        data-testid="delete-button"
      >
        Delete
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby="delete-dialog-title"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        data-testid="delete-dialog"
      >
        <h2 id="delete-dialog-title" className="text-base font-semibold">
          Delete this conversation?
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          “{title}” and its {messageCount === 1 ? "message" : `${messageCount} messages`} will be removed for good, with
          their usage and timelines. Export it first if you may need it again.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" autoFocus onClick={() => dialogRef.current?.close()} data-testid="delete-cancel">
            Cancel
          </Button>
          <Button
            onClick={() => void remove()}
            pending={pending}
            className="bg-red-600 hover:bg-red-700 dark:bg-red-500 dark:hover:bg-red-400"
            data-testid="delete-confirm"
          >
            Delete conversation
          </Button>
        </div>
      </dialog>
    </>
  );
}
