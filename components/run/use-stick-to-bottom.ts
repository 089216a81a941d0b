"use client";

import { useCallback, useLayoutEffect, useRef, type RefObject } from "react";

// Within this many pixels of the bottom counts as "reading the newest text".
const SLACK_PX = 24;

/**
 * Keeps a scrolling box pinned to its end while `content` grows, unless the reader scrolled up
 * to read something earlier; scrolling back to the end pins it again.
 */
export function useStickToBottom<T extends HTMLElement>(
  content: string,
): { ref: RefObject<T | null>; onScroll: () => void } {
  const ref = useRef<T | null>(null);
  const pinned = useRef(true);

  const onScroll = useCallback(() => {
    const box = ref.current;
    if (box) pinned.current = box.scrollHeight - box.scrollTop - box.clientHeight <= SLACK_PX;
  }, []);

  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    if (content === "") pinned.current = true;
    if (pinned.current) box.scrollTop = box.scrollHeight;
  }, [content]);

  return { ref, onScroll };
}
