"use client";

import { useEffect, useRef, type RefObject } from "react";
import { useEscapeKey } from "@/components/ui/use-escape-key";

/**
 * While a run streams, Esc stops it from anywhere on the page, not only from the prompt box; when
 * it ends, focus left on the now-disabled Stop button (or nowhere) goes back to the input.
 */
export function useRunKeys({
  active,
  stop,
  inputRef,
}: {
  active: boolean;
  stop: () => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}): void {
  useEscapeKey(active, stop);

  const wasActive = useRef(false);
  useEffect(() => {
    const ended = wasActive.current && !active;
    wasActive.current = active;
    if (!ended) return;
    const focused = document.activeElement;
    if (focused === document.body || (focused instanceof HTMLButtonElement && focused.disabled))
      inputRef.current?.focus();
  }, [active, inputRef]);
}
