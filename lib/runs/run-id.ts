import { randomBytes } from "node:crypto";

// A run's id: 16 random bytes as base64url (22 characters, 128 bits). It names the run in the
// `start` event, SSE ids, Last-Event-ID, stop URLs and Redis keys; nobody can guess another's.
const RUN_ID = /^[A-Za-z0-9_-]{22}$/;

/** A fresh, unguessable run id. */
export function newRunId(): string {
  return randomBytes(16).toString("base64url");
}

/** True when `value` has the shape of a run id (it may still name no run). */
export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}
