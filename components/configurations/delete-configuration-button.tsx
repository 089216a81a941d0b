"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { deleteConfiguration, fetchDependents } from "@/components/configurations/configuration-api";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";

type Dependents = { conversations: number; messages: number };

function plural(count: number, word: string): string {
  return `${count.toLocaleString()} ${word}${count === 1 ? "" : "s"}`;
}

/** What deleting keeps, in words: the history stays, only its link to the configuration goes. */
function dependentsText({ conversations, messages }: Dependents): string {
  if (conversations === 0 && messages === 0) return "No conversation or message uses it.";
  return `${plural(conversations, "conversation")} and ${plural(messages, "message")} used it. They keep their history; their configuration link becomes empty.`;
}

/** Delete with a confirmation dialog that names what depends on the configuration. */
export function DeleteConfigurationButton({
  id,
  name,
  afterDelete = "refresh",
}: {
  id: number;
  name: string;
  afterDelete?: "refresh" | "list";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [dependents, setDependents] = useState<Dependents | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const router = useRouter();
  const toast = useToast();

  async function open() {
    setDependents(null);
    setLoadError(null);
    dialog.current?.showModal();
    const result = await fetchDependents(id);
    if (result.ok) setDependents(result.data.dependents);
    else setLoadError(result.error.message);
  }

  async function confirm() {
    if (deleting) return;
    setDeleting(true);
    const result = await deleteConfiguration(id);
    setDeleting(false);
    if (!result.ok) {
      toast(`“${name}” was not deleted: ${result.error.message}`, "error");
      return;
    }
    dialog.current?.close();
    toast(`Deleted “${name}”.`);
    if (afterDelete === "list") router.push("/configurations");
    router.refresh();
  }

  return (
    <>
      <Button
        variant="ghost"
        onClick={open}
        className="text-red-700 hover:bg-red-50 hover:text-red-800 dark:text-red-400 dark:hover:bg-red-950/40 dark:hover:text-red-300"
        data-testid="delete-configuration"
      >
        Delete<span className="sr-only"> {name}</span>
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`delete-${id}-title`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        data-testid="delete-dialog"
      >
        <h2 id={`delete-${id}-title`} className="text-base font-semibold">
          Delete “{name}”?
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300" data-testid="delete-dependents">
          {loadError ? (
            `Could not count what uses it: ${loadError}`
          ) : dependents ? (
            dependentsText(dependents)
          ) : (
            <span className="inline-flex items-center gap-2">
              <Spinner /> Counting what uses it…
            </span>
          )}
        </p>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          This cannot be undone. To keep it but hide it, deactivate it instead.
        </p>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()} autoFocus data-testid="delete-cancel">
            Cancel
          </Button>
          <Button
            onClick={confirm}
            pending={deleting}
            disabled={dependents === null && loadError === null}
            className="bg-red-600 hover:bg-red-700 dark:bg-red-500 dark:hover:bg-red-400"
            data-testid="delete-confirm"
          >
            Delete
          </Button>
        </div>
      </dialog>
    </>
  );
}
