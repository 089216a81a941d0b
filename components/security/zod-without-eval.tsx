"use client";

import { z } from "zod";

// zod probes `new Function("")` on its first parse to pick a faster validator; the page's CSP has
// no 'unsafe-eval', so the browser refuses the probe and reports a CSP violation (zod falls back
// anyway). jitless skips the probe. Module scope: set before any component parses.
z.config({ jitless: true });

/** Renders nothing; in the root layout so every page's browser bundle configures zod first. */
export function ZodWithoutEval(): null {
  return null;
}
