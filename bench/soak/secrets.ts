// Secrets never leak: provider keys (accepted and refused ones), the API token and the admin
// password go through every path that touches them — create, stream, connection test, model
// list, key rotation, a refused key — and then must appear in no response, not in the app's
// stdout/stderr (captured to a file), and not in the audit log.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { withClient } from "../../lib/testing/database";
import { ADMIN_PASSWORD } from "../../e2e/support/credentials";
import type { Check } from "./crash";

type Sent = { status: number; text: string };

export async function secretsCheck({
  appUrl,
  simulatorUrl,
  databaseUrl,
  token,
  appLogPath,
}: {
  appUrl: string;
  simulatorUrl: string;
  databaseUrl: string;
  token: string;
  appLogPath: string;
}): Promise<Check[]> {
  // The part of each key that must never show; only the last four characters may (apiKeyLastFour).
  const hidden = () => randomBytes(12).toString("hex");
  const keys = {
    accepted: `sk-sentinel-${hidden()}-tail`,
    refused: `sk-invalid-sentinel-${hidden()}-tail`,
    rotated: `sk-sentinel-rotated-${hidden()}-tail`,
  };
  const responses: string[] = [];
  const call = async (method: string, path: string, body?: unknown): Promise<Sent> => {
    const response = await fetch(`${appUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    responses.push(`${[...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n")}\n${text}`);
    return { status: response.status, text };
  };

  const ids: number[] = [];
  for (const [kind, apiKey] of [
    ["accepted", keys.accepted],
    ["refused", keys.refused],
  ] as const) {
    for (const provider of ["openai", "anthropic"] as const) {
      const created = await call("POST", "/api/configurations", {
        name: `Secret ${kind} ${provider}`,
        slug: `secret-${kind}-${provider}-${randomBytes(3).toString("hex")}`,
        provider,
        model: provider === "openai" ? "gpt-4o-mini~fast" : "claude-sonnet-5~fast",
        baseUrl: `${simulatorUrl}${provider === "openai" ? "/openai/v1" : "/anthropic"}`,
        apiKey,
      });
      const id = (JSON.parse(created.text) as { configuration?: { id: number } }).configuration?.id;
      if (id === undefined) throw new Error(`creating a configuration failed: ${created.status} ${created.text}`);
      ids.push(id);
      await call("GET", `/api/stream?configuration=${id}&prompt=${encodeURIComponent(`A ${kind} key`)}`);
      await call("POST", `/api/configurations/${id}/test`);
      await call("GET", `/api/configurations/${id}/models`);
      await call("GET", `/api/configurations/${id}`);
    }
  }
  const first = ids[0];
  await call("PATCH", `/api/configurations/${first}`, { apiKey: keys.rotated });
  await call("POST", `/api/stream`, { configuration: String(first), prompt: "after rotation" });
  await call("GET", "/api/configurations?all=1");
  await call("GET", "/api/conversations?pageSize=100");
  await call("GET", "/api/audit?limit=500");
  await call("GET", "/api/tokens");

  const audit = await withClient(databaseUrl, async (client) =>
    (await client.query<{ row: string }>("SELECT t::text AS row FROM audit_logs t")).rows
      .map((row) => row.row)
      .join("\n"),
  );
  const appLog = readFileSync(appLogPath, "utf8");
  const secrets = [...Object.values(keys).map((key) => key.slice(0, -4)), token, ADMIN_PASSWORD];
  const found = (text: string) =>
    secrets.filter((secret) => text.includes(secret)).map((secret) => `${secret.slice(0, 8)}…`);
  const leakedInResponses = found(responses.join("\n"));
  const leakedInLog = found(appLog);
  const leakedInAudit = found(audit);
  return [
    {
      name: "secrets: no key, token or password in any response",
      ok: leakedInResponses.length === 0,
      detail: leakedInResponses.join(", ") || `${responses.length} responses`,
    },
    {
      name: "secrets: none in the app's stdout/stderr",
      ok: leakedInLog.length === 0 && appLog.length > 0,
      detail: leakedInLog.join(", ") || `${appLog.length} characters of log`,
    },
    {
      name: "secrets: none in the audit log",
      ok: leakedInAudit.length === 0 && audit.length > 0,
      detail: leakedInAudit.join(", ") || "clean",
    },
  ];
}
