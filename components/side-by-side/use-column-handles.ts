"use client";

import { useCallback, useRef, useState } from "react";

/**
 * The handles of the columns on screen, by conversation id, so one button (or Esc) can reach
 * them all; each column registers through `refFor(id)`.
 */
export function useColumnHandles<Handle extends { stop: () => void }>() {
  const handles = useRef(new Map<number, Handle>());
  const [stopping, setStopping] = useState(false);
  const refFor = useCallback(
    (id: number) =>
      (handle: Handle | null): void => {
        if (handle) handles.current.set(id, handle);
        else handles.current.delete(id);
      },
    [],
  );
  const get = useCallback((id: number): Handle | undefined => handles.current.get(id), []);
  const stopAll = useCallback((): void => {
    setStopping(true);
    for (const handle of handles.current.values()) handle.stop();
  }, []);
  return { refFor, get, stopAll, stopping, setStopping };
}
