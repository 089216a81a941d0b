import { demoConfigurations } from "@/lib/boot/demo-configurations";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { database, type Database } from "@/lib/db/client";
import { createConfiguration, findConfigurationByKey } from "@/lib/db/configurations";

/** Adds the demo configurations that are not there yet (by slug); returns how many were added. */
export async function seedDemoConfigurations({ db = database() }: { db?: Database } = {}): Promise<number> {
  let added = 0;
  for (const input of demoConfigurations()) {
    if (input.slug && (await findConfigurationByKey({ db, key: input.slug }))) continue;
    await createConfiguration({ db, input, actor: SYSTEM_ACTOR });
    added += 1;
  }
  return added;
}
