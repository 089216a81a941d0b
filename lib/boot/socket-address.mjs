// Preloaded (`node --import`) into `next start` by the launcher. The app cannot see the TCP peer of a
// request (Next fills X-Forwarded-For from it only when the client sent none, so that header may
// be the client's own choice). This stamps every request with the socket's address in one header,
// overwriting whatever the client sent under that name, and tells the app (through a global) that
// it did, so the sign-in throttle counts real addresses. Nothing else about the server changes.
import http from "node:http";
import { syncBuiltinESMExports } from "node:module";

export const SOCKET_ADDRESS_HEADER = "x-llmm-socket-address";
const createServer = http.createServer;

function stamped(listener) {
  return function withSocketAddress(request, response) {
    const raw = request.rawHeaders;
    // A client's copy is dropped from the raw list too, so no reader of the request can pick it up.
    for (let index = raw.length - 2; index >= 0; index -= 2) {
      if (raw[index].toLowerCase() === SOCKET_ADDRESS_HEADER) raw.splice(index, 2);
    }
    request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    return listener.call(this, request, response);
  };
}

http.createServer = function createServerWithSocketAddress(...args) {
  const index = args.findIndex((argument) => typeof argument === "function");
  if (index >= 0) args[index] = stamped(args[index]);
  return createServer.apply(this, args);
};
// `import { createServer } from "node:http"` sees it too, not only require("http").
syncBuiltinESMExports();

globalThis[Symbol.for("llm-manager.socket-address-header")] = SOCKET_ADDRESS_HEADER;
