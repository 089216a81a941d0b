"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  playbackFrame,
  playbackRunState,
  recordedDuration,
  recordedTimeAt,
  type PlaybackSpeed,
  type Recording,
} from "@/components/conversations/playback";

type Clock = { startedAt: number; fromMs: number; speed: PlaybackSpeed };

/** Plays a recording on the wall clock (one frame per animation frame) from the moment it mounts, with speed, stop and restart. */
export function usePlayback(recording: Recording) {
  const duration = recordedDuration(recording);
  const [speed, setSpeed] = useState<PlaybackSpeed>(1);
  const [clock, setClock] = useState<Clock | null>(() => ({ startedAt: performance.now(), fromMs: 0, speed: 1 }));
  const [recordedMs, setRecordedMs] = useState(0);
  const [paused, setPaused] = useState(false);
  const positionRef = useRef(0);

  useEffect(() => {
    if (!clock) return;
    let handle = 0;
    const tick = (): void => {
      const at = recordedTimeAt(clock, performance.now(), duration);
      positionRef.current = at;
      setRecordedMs(at);
      if (at >= duration) setClock(null);
      else handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [clock, duration]);

  const runFrom = useCallback(
    (fromMs: number, nextSpeed: PlaybackSpeed): void => {
      setPaused(false);
      if (nextSpeed === "instant" || fromMs >= duration) {
        positionRef.current = duration;
        setRecordedMs(duration);
        setClock(null);
        return;
      }
      positionRef.current = fromMs;
      setRecordedMs(fromMs);
      setClock({ startedAt: performance.now(), fromMs, speed: nextSpeed });
    },
    [duration],
  );

  /** From the start, at the chosen speed. */
  const restart = useCallback((): void => runFrom(0, speed), [runFrom, speed]);

  const stop = useCallback((): void => {
    if (!clock) return;
    setClock(null);
    setPaused(true);
  }, [clock]);

  /** A new speed applies from where playback is now. */
  const changeSpeed = useCallback(
    (next: PlaybackSpeed): void => {
      setSpeed(next);
      if (clock) runFrom(positionRef.current, next);
    },
    [clock, runFrom],
  );

  const frame = playbackFrame(recording, recordedMs);
  return {
    speed,
    playing: clock !== null,
    frame,
    state: playbackRunState(recording, frame, { paused }),
    restart,
    stop,
    changeSpeed,
  };
}
