// Test-only: THE table of the API's routes — who may call each method and a valid sample input.
// The auth matrix and the hostile-input fuzz (e2e/api-auth-matrix.spec.ts, e2e/api-fuzz.spec.ts)
// are driven by it, and api-routes.test.ts fails when an app/api/**/route.ts file or one of its
// exported methods is missing here: a route merged later must be added, with who may call it.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * public: anyone (health, the one-time setup); signed-in: any user, session or API token; admin:
 * the admin role; owner-or-admin: the user who made the record (the fixtures' owner is the e2e
 * admin, so a viewer is refused with 403), or an admin; owner-or-admin-hidden: the same people, but
 * anyone else gets the 404 of a record that does not exist (reads, and runs: lib/auth/policy.ts);
 * next-auth: next-auth's own endpoints (sign-in, CSRF), outside the matrix.
 */
type Access = "public" | "signed-in" | "admin" | "owner-or-admin" | "owner-or-admin-hidden" | "next-auth";

/**
 * Placeholders the specs fill with fresh records: `{configuration}` `{second-configuration}`
 * `{conversation}` (empty) `{answered-conversation}` (a prompt run's) `{compare-set}` `{run}`
 * `{token}` `{user}`.
 */
export type MethodSpec = {
  access: Access;
  /** A valid query string (without "?"), for GET routes and the SSE routes. */
  query?: string;
  /** A valid JSON body. Strings may hold placeholders, e.g. "{slug}". */
  body?: Record<string, unknown>;
  /** It changes something: a cookie-authenticated call from another site must be refused. */
  change?: boolean;
  /** It answers with an event stream (read to the end). */
  stream?: boolean;
  /** It consumes its target (revokes, deletes): each call gets a fresh record. */
  destructive?: boolean;
};

export type RouteSpec = { path: string; methods: Partial<Record<HttpMethod, MethodSpec>> };

export const API_ROUTES: readonly RouteSpec[] = [
  { path: "/api/health", methods: { GET: { access: "public" } } },
  // Refused (403) once any user exists, which is always the case in the specs.
  {
    path: "/api/setup",
    methods: {
      POST: {
        access: "public",
        change: true,
        body: { email: "second-admin@example.test", password: "correct horse battery staple" },
      },
    },
  },
  { path: "/api/auth/[...nextauth]", methods: { GET: { access: "next-auth" }, POST: { access: "next-auth" } } },
  { path: "/api/audit", methods: { GET: { access: "admin", query: "limit=5" } } },
  {
    path: "/api/configurations",
    methods: {
      GET: { access: "signed-in", query: "all=1" },
      POST: {
        access: "admin",
        change: true,
        body: {
          name: "Matrix sample",
          slug: "{fresh-slug}",
          provider: "local",
          model: "llama-3.1-8b-instruct~fast",
          baseUrl: "{simulator}/local/v1",
        },
      },
    },
  },
  {
    path: "/api/configurations/{configuration}",
    methods: {
      GET: { access: "signed-in" },
      PATCH: { access: "admin", change: true, body: { name: "Matrix renamed" } },
      DELETE: { access: "admin", change: true, destructive: true },
    },
  },
  { path: "/api/configurations/{configuration}/models", methods: { GET: { access: "signed-in" } } },
  {
    path: "/api/configurations/{configuration}/clone",
    methods: { POST: { access: "admin", change: true, body: { slug: "{fresh-slug}" } } },
  },
  { path: "/api/configurations/{configuration}/dependents", methods: { GET: { access: "signed-in" } } },
  {
    path: "/api/provider-models",
    methods: { POST: { access: "admin", change: true, body: { provider: "local", baseUrl: "{simulator}/local/v1" } } },
  },
  { path: "/api/configurations/{configuration}/test", methods: { POST: { access: "signed-in", change: true } } },
  {
    path: "/api/conversations",
    methods: {
      GET: { access: "signed-in", query: "pageSize=5" },
      POST: {
        access: "signed-in",
        change: true,
        body: { configuration: "{configuration}", title: "Matrix conversation" },
      },
    },
  },
  {
    path: "/api/conversations/{conversation}",
    methods: {
      GET: { access: "owner-or-admin-hidden" },
      PATCH: { access: "owner-or-admin", change: true, body: { title: "Matrix renamed" } },
      DELETE: { access: "owner-or-admin", change: true, destructive: true },
    },
  },
  {
    path: "/api/conversations/{conversation}/export",
    methods: { GET: { access: "owner-or-admin-hidden", query: "format=json" } },
  },
  {
    path: "/api/conversations/{answered-conversation}/replays",
    methods: { POST: { access: "owner-or-admin-hidden", change: true, body: { configurations: ["{configuration}"] } } },
  },
  {
    path: "/api/conversations/import",
    methods: {
      POST: {
        access: "signed-in",
        change: true,
        body: {
          format: "llm-manager.conversation",
          version: 1,
          exportedAt: "2026-11-27T10:00:00.000Z",
          conversation: {
            title: "Matrix import",
            origin: "chat",
            systemPrompt: null,
            params: {},
            configuration: null,
            createdAt: "2026-11-27T10:00:00.000Z",
            updatedAt: "2026-11-27T10:00:00.000Z",
            messages: [],
          },
        },
      },
    },
  },
  {
    path: "/api/compare-sets",
    methods: {
      POST: {
        access: "signed-in",
        change: true,
        body: { configurations: ["{configuration}", "{second-configuration}"], prompt: "Hi" },
      },
    },
  },
  { path: "/api/compare-sets/{compare-set}", methods: { GET: { access: "owner-or-admin-hidden" } } },
  {
    path: "/api/conversations/{conversation}/stream",
    methods: {
      GET: { access: "owner-or-admin", change: true, stream: true, query: "message=Hello%20again" },
      POST: { access: "owner-or-admin", change: true, stream: true, body: { message: "Hello again" } },
    },
  },
  { path: "/api/runs/{run}/stop", methods: { POST: { access: "owner-or-admin-hidden", change: true } } },
  {
    path: "/api/stream",
    methods: {
      GET: { access: "signed-in", change: true, stream: true, query: "configuration={configuration}&prompt=Hi" },
      POST: {
        access: "signed-in",
        change: true,
        stream: true,
        body: { configuration: "{configuration}", prompt: "Hi" },
      },
    },
  },
  {
    path: "/api/tokens",
    methods: {
      GET: { access: "admin" },
      POST: { access: "admin", change: true, body: { name: "Matrix token" } },
    },
  },
  { path: "/api/tokens/{token}", methods: { DELETE: { access: "admin", change: true, destructive: true } } },
  {
    path: "/api/users",
    methods: {
      GET: { access: "admin" },
      POST: {
        access: "admin",
        change: true,
        body: { email: "{fresh-email}", password: "correct horse battery staple", role: "viewer" },
      },
    },
  },
  { path: "/api/users/{user}", methods: { PATCH: { access: "admin", change: true, body: { name: "Matrix user" } } } },
  // Yourself or, for an admin, anyone: the fixture user is a fresh viewer, so other viewers are refused.
  { path: "/api/users/{user}/sessions", methods: { DELETE: { access: "owner-or-admin", change: true } } },
];

/** The table's path in app/api/ terms: `{configuration}` → `[id]`, `{run}` → `[runId]`. */
export function fileRouteOf(path: string): string {
  return path
    .replace(/\{run\}/g, "[runId]")
    .replace(/\{(configuration|conversation|answered-conversation|compare-set|token|user)\}/g, "[id]");
}
