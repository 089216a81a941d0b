"use client";

import { useCallback, useRef, useState } from "react";
import type { RunState } from "@/components/run/run-state";
import { useRun } from "@/components/run/use-run";
import type { RunParams } from "@/lib/validation/stream";

export type FinishedTurn = { message: string; state: RunState };

export type TurnPlan = { endpoint: string; messages: string[]; params: RunParams };

/**
 * Sends a conversation's turns one after another through useRun: each turn waits for the reply
 * to the previous one, and a stop or a failure ends the sequence there.
 */
export function useTurnSequence() {
  const { state, now, start, stop: stopRun } = useRun();
  const [finished, setFinished] = useState<FinishedTurn[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const haltedRef = useRef(false);

  const play = useCallback(
    async (
      { endpoint, messages, params }: TurnPlan,
      onTurn?: (turn: FinishedTurn, index: number) => void,
    ): Promise<FinishedTurn[]> => {
      haltedRef.current = false;
      setFinished([]);
      const done: FinishedTurn[] = [];
      for (const [index, message] of messages.entries()) {
        if (haltedRef.current) break;
        setCurrent(message);
        const final = await start({ message, ...params }, endpoint);
        if (!final) break;
        const turn = { message, state: final };
        done.push(turn);
        setFinished([...done]);
        setCurrent(null);
        onTurn?.(turn, index);
        if (final.phase !== "done") break;
      }
      setCurrent(null);
      return done;
    },
    [start],
  );

  const stop = useCallback((): void => {
    haltedRef.current = true;
    stopRun();
  }, [stopRun]);

  return { state, now, finished, current, play, stop };
}
