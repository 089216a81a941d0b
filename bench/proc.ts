// The app server's process: found by its listening port; CPU time and RSS from /proc.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** The pid of the process listening on 127.0.0.1:`port` (from `ss -ltnp`). */
export function pidListeningOn(port: number): number {
  const output = execFileSync("ss", ["-ltnpH", `sport = :${port}`]).toString();
  const match = /pid=(\d+)/u.exec(output);
  if (!match?.[1]) throw new Error(`no process found listening on port ${port}:\n${output}`);
  return Number(match[1]);
}

/** utime + stime of `pid`, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS;
}

/** VmRSS of `pid` in MiB. */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}

/** Samples RSS every `everyMs` until stopped; returns the peak in MiB. */
export function watchPeakRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process is gone; keep the last peak.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
