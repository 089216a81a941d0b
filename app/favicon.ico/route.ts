// Browsers ask for /favicon.ico on their own; the icon is app/icon.svg.
export function GET(request: Request): Response {
  return Response.redirect(new URL("/icon.svg", request.url), 308);
}
