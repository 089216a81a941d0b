// `npm run db:seed`: the demo configurations (one per provider, pointing at the simulator) and,
// when ADMIN_EMAIL / ADMIN_PASSWORD are set and no user exists, the first administrator.
import { ensureFirstAdmin } from "@/lib/boot/first-admin";
import { fail, say } from "@/lib/boot/log";
import { seedDemoConfigurations } from "@/lib/boot/seed";
import { withDatabase } from "@/lib/boot/with-database";
import { errorMessage } from "@/lib/errors";

withDatabase(async (db) => {
  say(`demo configurations added: ${await seedDemoConfigurations({ db })}`);
  say((await ensureFirstAdmin({ db })).message);
}).catch((error: unknown) => fail(errorMessage(error)));
