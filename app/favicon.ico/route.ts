// Browsers ask for /favicon.ico on their own; the icon is app/icon.svg. A relative Location: the
// absolute one was built from the address the server binds to (http://0.0.0.0:3000/icon.svg).
export function GET(): Response {
  return new Response(null, { status: 308, headers: { Location: "/icon.svg" } });
}
