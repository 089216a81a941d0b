// Preloaded (`node -r`) into the Prisma CLI. The WebAssembly schema engine (6.19) leaves a 10 s
// timer behind after `migrate deploy`, which held every command open 10 s after it had finished.
// Unref'ing long timers keeps pending database I/O alive and cuts only the idle wait.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function setTimeoutUnrefLong(callback, delay, ...args) {
  const timer = originalSetTimeout(callback, delay, ...args);
  if (typeof delay === "number" && delay >= 5000 && typeof timer.unref === "function") timer.unref();
  return timer;
};
