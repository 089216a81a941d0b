// Preloaded (`node --import`) into `next start`, beside listen-backlog.mjs. Next creates its
// server with Node's defaults and offers no option for these: a client gets 20 s for its request
// head (Node: 60 s) and 120 s for the whole request, body included (Node: 300 s; a 20 MB import
// needs about 1.3 Mbit/s), and the server looks for such clients every 5 s (Node: 30 s), so a
// connection that trickles its headers is cut within 25 s. Responses are not limited: a reply
// may stream for as long as it takes. Many slow connections at once are a reverse proxy's job.
import http from "node:http";

export const HEADERS_TIMEOUT_MS = 20_000;
export const REQUEST_TIMEOUT_MS = 120_000;
const CHECK_INTERVAL_MS = 5_000;

const listen = http.Server.prototype.listen;

http.Server.prototype.listen = function listenWithRequestTimeouts(...args) {
  this.headersTimeout = HEADERS_TIMEOUT_MS;
  this.requestTimeout = REQUEST_TIMEOUT_MS;
  // Read when the server starts listening (connection tracking starts on 'listening').
  this.connectionsCheckingInterval = CHECK_INTERVAL_MS;
  return listen.apply(this, args);
};
