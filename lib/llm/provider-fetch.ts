// Node's fetch (undici) gives up on a response after 300 s without headers or without body data
// (`headersTimeout`, `bodyTimeout`): a long silent thinking phase, or Ollama loading a model with
// no keep-alives, would fail. The `undici` package is not installed, but Node's bundled undici
// registers its global Agent under a well-known symbol; a second Agent of that class with longer
// limits is passed to fetch as `dispatcher`. Run timeouts (first token, total) are the engine's
// job; these limits are only a backstop against sockets that hang forever. When the Agent class
// cannot be found (another runtime, a replaced global dispatcher), plain fetch is used and the
// 300 s limits apply.

/** Idle limit for headers and for gaps between body chunks. */
const IDLE_LIMIT_MS = 30 * 60_000;

/** The SDKs' wait for response headers (their default is 10 minutes); the same backstop. */
export const SDK_TIMEOUT_MS = IDLE_LIMIT_MS;

const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

type AgentConstructor = new (options: { headersTimeout: number; bodyTimeout: number }) => object;

let patientDispatcher: object | null | undefined;

function findPatientDispatcher(): object | null {
  if (patientDispatcher !== undefined) return patientDispatcher;
  patientDispatcher = null;
  try {
    // Constructing a Response makes Node load its bundled undici, which registers the global Agent.
    void new Response(null);
    const current: unknown = Reflect.get(globalThis, GLOBAL_DISPATCHER);
    if (typeof current === "object" && current !== null && current.constructor.name === "Agent") {
      const Agent = current.constructor as AgentConstructor;
      patientDispatcher = new Agent({ headersTimeout: IDLE_LIMIT_MS, bodyTimeout: IDLE_LIMIT_MS });
    }
  } catch {
    patientDispatcher = null;
  }
  return patientDispatcher;
}

/** True when provider requests use the long-idle dispatcher (see the note at the top of this file). */
export function hasPatientDispatcher(): boolean {
  return findPatientDispatcher() !== null;
}

/** `fetch` for provider requests: Node's fetch without undici's 300 s idle limits where possible. */
export function providerFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const dispatcher = findPatientDispatcher();
  if (!dispatcher) return fetch(input, init);
  // `dispatcher` is Node's extension of RequestInit.
  const withDispatcher: RequestInit & { dispatcher: object } = { ...init, dispatcher };
  return fetch(input, withDispatcher);
}
