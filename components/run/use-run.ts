"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { readApiError } from "@/components/api/api-error";
import { readEventStream } from "@/components/run/read-event-stream";
import {
  initialRunState,
  isActive,
  runReducer,
  type RunAction,
  type RunFailure,
  type RunState,
} from "@/components/run/run-state";
import type { RunParams } from "@/lib/validation/stream";

export type RunRequest = RunParams & { configuration: string; prompt: string; system?: string | undefined };
/** The next turn of a saved conversation, for `/api/conversations/{id}/stream`. */
export type TurnRequest = RunParams & { message: string; configuration?: string | undefined };

/** How a `start` ended: the run's id, or null when it was refused before it began (nothing saved). */

const TICK_MS = 100;

const LOST_CONNECTION: RunFailure = {
  code: "connection_lost",
  message:
    "The connection to the server was lost while the reply streamed. Check that the server is running, then send the prompt again.",
};

const CLOSED_EARLY: RunFailure = {
  code: "stream_ended",
  message:
    "The server closed the stream before the reply finished. The part that arrived is shown; send the prompt again for a full reply.",
};

function failureForStatus(status: number, message: string, code: string): RunFailure {
  // The API's 401 text is written for API clients; a person in the browser needs to sign in again.
  if (status === 401)
    return { code: "unauthorized", status, message: "Your session has ended. Sign in again, then send the prompt." };
  return { code, status, message };
}

/**
 * Streams one run at a time (a prompt to `/api/stream`, or a turn to a conversation's stream
 * endpoint) over `fetch` (so a refusal before the stream, 400 or 404,
 * arrives with its JSON message), and stops it through the stop endpoint, which cancels the
 * provider request at once rather than after the disconnect grace window. `start` resolves with
 * the run's final state (null when a run was already going), so callers can chain runs.
 */
export function useRun(): {
  state: RunState;
  now: number;
  start: (request: RunRequest | TurnRequest, endpoint?: string) => Promise<RunState | null>;
  stop: () => void;
} {
  const [state, dispatch] = useReducer(runReducer, initialRunState);
  const [now, setNow] = useState(0);
  const controllerRef = useRef<AbortController | null>(null);
  const runIdRef = useRef<string | null>(null);
  const stopWantedRef = useRef(false);
  const active = isActive(state.phase);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      const at = performance.now();
      setNow(at);
      dispatch({ type: "sample", at });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [active]);

  // Leaving the page drops the connection; the server cancels the run after its grace window.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const sendStop = useCallback(async (runId: string): Promise<void> => {
    try {
      const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/stop`, { method: "POST" });
      if (response.ok) return;
      const apiError = await readApiError(response);
      stopWantedRef.current = false;
      dispatch({ type: "stop-failed", message: apiError.message });
    } catch {
      stopWantedRef.current = false;
      dispatch({ type: "stop-failed", message: "The stop request did not reach the server. Press Stop again." });
    }
  }, []);

  const start = useCallback(
    async (request: RunRequest | TurnRequest, endpoint = "/api/stream"): Promise<RunState | null> => {
      if (controllerRef.current) return null;
      const controller = new AbortController();
      controllerRef.current = controller;
      runIdRef.current = null;
      stopWantedRef.current = false;
      // The same reducer, run here too, gives the final state to whoever awaits this run.
      let final = initialRunState;
      const apply = (action: RunAction): void => {
        final = runReducer(final, action);
        dispatch(action);
      };
      const requestedAt = performance.now();
      setNow(requestedAt);
      apply({ type: "request", at: requestedAt });
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
          body: JSON.stringify(request),
          signal: controller.signal,
        });
        if (!response.ok || !response.body) {
          const apiError = await readApiError(response);
          apply({
            type: "failure",
            failure: failureForStatus(response.status, apiError.message, apiError.code),
            at: performance.now(),
          });
          return final;
        }
        let ended = false;
        await readEventStream(response.body, (event) => {
          if (event.type === "start") {
            runIdRef.current = event.runId;
            // Stop was asked for before the run had an id.
            if (stopWantedRef.current) void sendStop(event.runId);
          }
          if (event.type === "done" || event.type === "error") ended = true;
          apply({ type: "event", event, at: performance.now() });
        });
        if (!ended) apply({ type: "failure", failure: CLOSED_EARLY, at: performance.now() });
      } catch {
        if (!controller.signal.aborted) apply({ type: "failure", failure: LOST_CONNECTION, at: performance.now() });
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
        setNow(performance.now());
      }
      return final;
    },
    [sendStop],
  );

  const stop = useCallback((): void => {
    if (!controllerRef.current || stopWantedRef.current) return;
    stopWantedRef.current = true;
    dispatch({ type: "stopping" });
    if (runIdRef.current) void sendStop(runIdRef.current);
  }, [sendStop]);

  return { state, now, start, stop };
}
