// Preloaded (`node --import`) into `next start`. Next listens with `server.listen(port, hostname)`, so
// the kernel queues at most Node's default of 511 connections not yet accepted. A burst of
// clients (1,000 streams opening within seconds) while the event loop is busy overflows that
// queue; the kernel then drops their SYNs and they fail with connect timeouts instead of waiting
// their turn. Next has no option for it: this gives that one call a longer queue (the kernel
// caps it at net.core.somaxconn). Every other form of listen() is left alone.
import http from "node:http";

const BACKLOG = 4096;
const listen = http.Server.prototype.listen;

http.Server.prototype.listen = function listenWithBacklog(...args) {
  const [port, hostname] = args;
  if (args.length === 2 && (typeof port === "number" || typeof port === "string") && typeof hostname === "string") {
    return listen.call(this, port, hostname, BACKLOG);
  }
  return listen.apply(this, args);
};
