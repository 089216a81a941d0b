import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration, findConfigurationByKey } from "@/lib/db/configurations";
import { demoConfigurations } from "@/lib/boot/demo-configurations";

/** Adds the demo configurations that are not there yet (by slug); returns how many were added. */
export async function seedDemoConfigurations(): Promise<number> {
  let added = 0;
  for (const input of demoConfigurations()) {
    if (input.slug && (await findConfigurationByKey({ key: input.slug }))) continue;
    await createConfiguration({ input, actor: SYSTEM_ACTOR });
    added += 1;
  }
  return added;
}
