import { mkdirSync } from "node:fs";
import path from "node:path";

/** Where the zero-configuration mode keeps PostgreSQL's files and generated secrets. */
export function dataDir(): string {
  const dir = path.resolve(process.env.LLMM_DATA_DIR ?? path.join(process.cwd(), ".data"));
  // 0755: embedded PostgreSQL runs as the `postgres` user when started as root and must reach pg/.
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}
