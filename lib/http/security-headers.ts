// The security headers of every response the proxy sees: pages (with a per-request script nonce)
// and API routes (JSON, SSE, files). Pure, so the unit test reads the exact policies.
import values from "./security-headers.json";

/** A fresh nonce for one page's scripts: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Pages: scripts only from the app's own files or carrying this response's nonce (Next puts it on
 * its inline RSC payload, the root layout on the theme script). Styles are the Tailwind build's
 * file; there are no inline styles. React's development build needs eval.
 */
export function pagePolicy(nonce: string, { development = false }: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * API responses load nothing. Inline styles only for next-auth's own small HTML pages under
 * /api/auth (the sign-out confirmation), whose form posts back to this origin. The values live in
 * security-headers.json, which next.config.mjs reads for API requests that skip the proxy.
 */
export const API_POLICY = values.apiPolicy;

/** The headers besides the CSP; HSTS only over HTTPS (browsers ignore it on plain HTTP, and a wrong one locks users out). */
export function commonSecurityHeaders({ https }: { https: boolean }): Record<string, string> {
  return { ...values.common, ...(https ? { "Strict-Transport-Security": values.hsts } : {}) };
}
