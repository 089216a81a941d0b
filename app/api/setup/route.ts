import type { NextRequest } from "next/server";
import { assertNotFromElsewhere } from "@/lib/auth/same-origin";
import { consumeSetupCode, setupCodeAccepted } from "@/lib/auth/setup-code";
import { countUsers, createFirstAdmin } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { json, readJsonBody, respond } from "@/lib/http/respond";
import { parseOrThrow } from "@/lib/validation/issues";
import { setupRequestSchema } from "@/lib/validation/user";

const CLOSED = "Set-up is already done: an administrator exists. Sign in instead.";

// Open without sign-in only while no user exists; past that it answers 403 before reading the
// body. Beyond loopback it also needs the one-time code the launcher printed on the console.
export async function POST(request: NextRequest): Promise<Response> {
  return respond(async () => {
    assertNotFromElsewhere(request);
    if ((await countUsers()) > 0) throw new AppError("forbidden", CLOSED);
    const { setupCode, ...admin } = parseOrThrow(setupRequestSchema, await readJsonBody(request), "set-up");
    if (!setupCodeAccepted(setupCode)) {
      const message = setupCode
        ? "That set-up code is not right. Copy it again from the server's console (the line “set-up code: …”)."
        : "Enter the one-time set-up code the server printed on its console when it started.";
      throw new AppError("forbidden", message, [{ path: "setupCode", message }]);
    }
    const user = await createFirstAdmin({ input: admin });
    consumeSetupCode();
    return json({ user: { id: user.id, email: user.email, role: user.role } }, { status: 201 });
  });
}
