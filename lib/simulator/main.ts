// `npm run simulator [-- --port 4010 --host 127.0.0.1]`: the provider simulator as its own process.
// Port: --port, else SIMULATOR_PORT, else 4010 (0 picks a free one). Prints the URL once listening.
import { startSimulator } from "./server";

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((value) => value.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

function parsePort(raw: string | undefined): number {
  const port = Number(raw ?? process.env.SIMULATOR_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `[simulator] invalid port '${raw ?? process.env.SIMULATOR_PORT ?? ""}': use an integer from 0 to 65535`,
    );
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(argument("port"));
  const host = argument("host") ?? process.env.SIMULATOR_HOST ?? "127.0.0.1";
  const simulator = await startSimulator({ port, host }).catch((error: unknown) => {
    console.error(
      `[simulator] cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  console.log(`[simulator] listening on ${simulator.url}`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
