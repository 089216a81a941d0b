import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ZodWithoutEval } from "@/components/security/zod-without-eval";
import { THEME_SCRIPT } from "@/components/theme/theme-preference";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LLM Manager", template: "%s · LLM Manager" },
  description: "Self-hosted console for LLM provider connections, streaming tests and conversations.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's per-request CSP nonce (reading it renders every page per request, as nonces need).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The start-up script sets the theme class on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
