// `npm test`: every suite in order, continuing after failures so each one reports. Counts come
// from the JSON reports; typecheck, lint, format, knip and build count as one check each. The last line is
// `tests: N passed, N failed[, N skipped]` and the exit code is non-zero if anything failed.
// `--skip=build,e2e` leaves suites out (each counted as one skipped).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, ".test-reports");
const bin = (name) => path.join(root, "node_modules/.bin", name);
const vitest = (project) => [
  bin("vitest"),
  [
    "run",
    "--project",
    project,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${path.join(reports, `${project}.json`)}`,
  ],
];

const SUITES = [
  { name: "typecheck", command: ["npm", ["run", "--silent", "typecheck"]] },
  { name: "lint", command: ["npm", ["run", "--silent", "lint"]] },
  { name: "format", command: ["npm", ["run", "--silent", "format:check"]] },
  { name: "knip", command: ["npm", ["run", "--silent", "knip"]] },
  { name: "unit", command: vitest("unit"), report: "unit.json", parse: parseVitest },
  { name: "integration", command: vitest("integration"), report: "integration.json", parse: parseVitest },
  // Always a fresh production build: the end-to-end suite runs against it.
  { name: "build", command: [bin("next"), ["build"]] },
  { name: "e2e", command: [bin("playwright"), ["test"]], report: "playwright.json", parse: parsePlaywright },
  // The short form of `npm run soak`: mixed runs, then a SIGKILL during live streams and a restart.
  {
    name: "soak",
    command: [bin("tsx"), ["bench/soak/main.ts", "--runs", process.env.SOAK_RUNS ?? "1000"]],
    report: "soak.json",
    parse: parseChecks,
  },
];

function parseVitest(report) {
  // A file that failed to load or errored outside a test has no failed test of its own.
  const fileErrors = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests + fileErrors,
    skipped: report.numPendingTests + report.numTodoTests,
    notes: fileErrors > 0 ? [`${fileErrors} test file(s) failed outside any test`] : [],
    failures: vitestFailures(report),
  };
  if (report.numTotalTests === 0 && fileErrors === 0) {
    counts.failed += 1;
    counts.notes.push("no test files found: counted as 1 failed");
  }
  return counts;
}

function parsePlaywright(report) {
  const { expected, unexpected, flaky, skipped } = report.stats;
  const errors = report.errors?.length ?? 0;
  const counts = {
    passed: expected,
    failed: unexpected + flaky,
    skipped,
    notes: [],
    failures: playwrightFailures(report),
  };
  if (flaky > 0) counts.notes.push(`${flaky} flaky test(s) counted as failed`);
  if (errors > 0) counts.notes.push(`${errors} error(s) outside tests (e.g. the web server)`);
  if (errors > 0 && counts.failed === 0) counts.failed = 1;
  if (expected + unexpected + flaky + skipped === 0 && errors === 0) {
    counts.failed += 1;
    counts.notes.push("no tests found: counted as 1 failed");
  }
  return counts;
}

// "file › title: first line of the error" for every test that did not pass on its first try.
function playwrightFailures(report) {
  const failures = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results?.find((result) => result.error)?.error?.message ?? "";
        failures.push(`${spec.file} › ${spec.title}: ${firstLine(error)}`);
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return failures;
}

function vitestFailures(report) {
  return report.testResults.flatMap((file) => {
    const name = path.relative(root, file.name);
    const failed = file.assertionResults.filter((test) => test.status === "failed");
    if (failed.length === 0 && file.status === "failed") return [`${name}: ${firstLine(file.message ?? "")}`];
    return failed.map((test) => `${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0] ?? "")}`);
  });
}

// Without colour codes, cut to one readable line.
function firstLine(text) {
  const line =
    text
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .find((part) => part.trim() !== "") ?? "";
  return line.trim().slice(0, 200);
}

// {passed, failed, checks: [...]}: a script's own checks (the soak).
function parseChecks(report) {
  const failures = (report.checks ?? [])
    .filter((check) => !check.ok)
    .map((check) => `${check.name}: ${firstLine(check.detail ?? "")}`);
  const counts = { passed: report.passed ?? 0, failed: report.failed ?? 0, skipped: 0, notes: [], failures };
  if (counts.passed + counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push("no checks ran: counted as 1 failed");
  }
  return counts;
}

let interrupted = false;
let current = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    current?.kill(signal);
  });
}

function run([command, args]) {
  return new Promise((resolve) => {
    current = spawn(command, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
    });
    current.once("error", (error) => {
      console.error(`[test-all] could not start ${command}: ${error.message}`);
      resolve(127);
    });
    current.once("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  }).finally(() => (current = null));
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(path.join(reports, file), "utf8"));
  } catch {
    return null;
  }
}

async function runSuite(suite) {
  if (suite.report) rmSync(path.join(reports, suite.report), { force: true });
  console.log(
    `\n[test-all] ▶ ${suite.name}: ${[suite.command[0].replace(`${root}/`, ""), ...suite.command[1]].join(" ")}`,
  );
  const started = Date.now();
  const code = await run(suite.command);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!suite.parse) {
    return {
      name: suite.name,
      seconds,
      passed: code === 0 ? 1 : 0,
      failed: code === 0 ? 0 : 1,
      skipped: 0,
      notes: code === 0 ? [] : [`exit code ${code}`],
    };
  }
  const report = existsSync(path.join(reports, suite.report)) ? readReport(suite.report) : null;
  if (!report) {
    return {
      name: suite.name,
      seconds,
      passed: 0,
      failed: 1,
      skipped: 0,
      notes: [`exit code ${code} and no report: counted as 1 failed`],
    };
  }
  const counts = suite.parse(report);
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.notes.push(`exit code ${code} without a failed test: counted as 1 failed`);
  }
  return { name: suite.name, seconds, ...counts };
}

const skip = new Set(process.argv.flatMap((arg) => (arg.startsWith("--skip=") ? arg.slice(7).split(",") : [])));
mkdirSync(reports, { recursive: true });
const results = [];
for (const suite of SUITES) {
  if (skip.has(suite.name) || interrupted) {
    results.push({
      name: suite.name,
      seconds: "0.0",
      passed: 0,
      failed: 0,
      skipped: 1,
      notes: [interrupted ? "not run: interrupted" : "not run: --skip"],
    });
    continue;
  }
  results.push(await runSuite(suite));
}
if (interrupted)
  results.push({
    name: "interrupted",
    seconds: "0.0",
    passed: 0,
    failed: 1,
    skipped: 0,
    notes: ["the run was interrupted"],
  });

const total = { passed: 0, failed: 0, skipped: 0 };
console.log("\n[test-all] summary");
for (const result of results) {
  for (const key of Object.keys(total)) total[key] += result[key];
  const status = result.failed > 0 ? "FAIL" : result.passed > 0 ? "ok  " : "skip";
  const counts = `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`;
  const notes = result.notes.length > 0 ? ` (${result.notes.join("; ")})` : "";
  console.log(`  ${status} ${result.name.padEnd(12)} ${counts.padEnd(36)} ${result.seconds.padStart(6)} s${notes}`);
}
// Named here, close to the closing line, because CI keeps only the end of the output.
const failures = results.flatMap((result) => (result.failures ?? []).map((failure) => `${result.name}: ${failure}`));
if (failures.length > 0) {
  console.log("\n[test-all] failed");
  for (const failure of failures.slice(0, 20)) console.log(`  ✘ ${failure}`);
  if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
}
const skippedPart = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
console.log(`tests: ${total.passed} passed, ${total.failed} failed${skippedPart}`);
process.exitCode = total.failed > 0 ? 1 : 0;
