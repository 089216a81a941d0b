import { describe, expect, it } from "vitest";
import { isLoopbackHost, listenHost, listenProblem, nextServerEnv, setupGuard } from "@/lib/boot/first-run";
import { LOOPBACK_SETUP_GUARD, SETUP_GUARD_ENV, setupCodeAccepted } from "@/lib/auth/setup-code";

describe("where the server listens", () => {
  it("is HOST, else loopback for the embedded demo, else every interface", () => {
    expect(listenHost({ env: { HOST: "10.0.0.5" }, embedded: true })).toBe("10.0.0.5");
    expect(listenHost({ env: {}, embedded: true })).toBe("127.0.0.1");
    expect(listenHost({ env: { HOST: "" }, embedded: false })).toBe("0.0.0.0");
  });

  it("counts only 127.0.0.0/8, ::1 and localhost as loopback", () => {
    for (const host of ["127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.4", "10.0.0.1", "llm.example.com", "localhost.example.com"])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe("starting beyond loopback", () => {
  it("needs NEXTAUTH_URL, and says how to fix it", () => {
    const problem = listenProblem({ host: "0.0.0.0", nextAuthUrl: undefined });
    expect(problem?.message).toMatch(/listen on 0\.0\.0\.0.*NEXTAUTH_URL is not set/);
    expect(problem?.hint).toMatch(/HOST=127\.0\.0\.1/);
    expect(listenProblem({ host: "0.0.0.0", nextAuthUrl: "https://llm.example.com" })).toBeNull();
    expect(listenProblem({ host: "127.0.0.1", nextAuthUrl: undefined })).toBeNull();
  });

  it("guards /setup with a printed one-time code; on loopback no code is asked", () => {
    const open = setupGuard({ host: "0.0.0.0", usersExist: false });
    expect(open.code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(open.guard).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(open.guard).not.toContain(open.code ?? "-");
    // Set up already: nothing to print, but a code nobody saw still guards the page.
    const closed = setupGuard({ host: "0.0.0.0", usersExist: true });
    expect(closed.code).toBeNull();
    expect(closed.guard).toMatch(/^sha256:/);
    expect(setupGuard({ host: "::1", usersExist: false })).toEqual({ guard: LOOPBACK_SETUP_GUARD, code: null });
  });
});

describe("the set-up code", () => {
  const { code, guard } = setupGuard({ host: "0.0.0.0", usersExist: false });
  const env = { [SETUP_GUARD_ENV]: guard };

  it("is accepted as printed, in any case and spacing; anything else is refused", () => {
    expect(setupCodeAccepted(code ?? "", env)).toBe(true);
    expect(setupCodeAccepted((code ?? "").toLowerCase().replace(/-/g, " "), env)).toBe(true);
    expect(setupCodeAccepted(undefined, env)).toBe(false);
    expect(setupCodeAccepted("", env)).toBe(false);
    expect(setupCodeAccepted((code ?? "").slice(0, -1), env)).toBe(false);
    expect(
      setupCodeAccepted(code ?? "", { [SETUP_GUARD_ENV]: setupGuard({ host: "0.0.0.0", usersExist: false }).guard }),
    ).toBe(false);
  });

  it("fails closed when the app was not started by the launcher, and is not needed on loopback", () => {
    expect(setupCodeAccepted(code ?? "", {})).toBe(false);
    expect(setupCodeAccepted(code ?? "", { [SETUP_GUARD_ENV]: "garbage" })).toBe(false);
    expect(setupCodeAccepted(undefined, { [SETUP_GUARD_ENV]: LOOPBACK_SETUP_GUARD })).toBe(true);
  });
});

describe("the environment of next start", () => {
  it("keeps ADMIN_EMAIL / ADMIN_PASSWORD / ADMIN_NAME out and carries the set-up guard", () => {
    const env = nextServerEnv(
      {
        NODE_ENV: "production",
        PATH: "/bin",
        ADMIN_EMAIL: "a@example.test",
        ADMIN_PASSWORD: "hunter2-hunter2",
        ADMIN_NAME: "A",
        DATABASE_URL: "postgresql://x",
      },
      "sha256:ab",
    );
    expect(env).toEqual({
      NODE_ENV: "production",
      PATH: "/bin",
      DATABASE_URL: "postgresql://x",
      NEXT_TELEMETRY_DISABLED: "1",
      [SETUP_GUARD_ENV]: "sha256:ab",
    });
  });
});
