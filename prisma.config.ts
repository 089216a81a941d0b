import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// The WebAssembly schema engine cannot deserialize PostgreSQL's `name` (OID 19) and `"char"`
// (OID 18) columns through adapter-pg (prisma/orm#27403). Relabel them as `text` in the row
// description, in the CLI process only; the app's client never loads this file.
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const RELABEL: Record<number, number> = { 18: TEXT_OID, 19: TEXT_OID, 1002: TEXT_ARRAY_OID, 1003: TEXT_ARRAY_OID };

type RowDescription = { fields: Array<{ dataTypeID: number }> };
type QueryPrototype = { handleRowDescription: (message: RowDescription) => void };
const queryPrototype = (pg as unknown as { Query: { prototype: QueryPrototype } }).Query.prototype;
const originalHandleRowDescription = queryPrototype.handleRowDescription;
queryPrototype.handleRowDescription = function (this: QueryPrototype, message: RowDescription) {
  for (const field of message.fields) {
    const replacement = RELABEL[field.dataTypeID];
    if (replacement !== undefined) field.dataTypeID = replacement;
  }
  return originalHandleRowDescription.call(this, message);
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the Prisma CLI needs a database to migrate.");
    // allowExitOnIdle: otherwise idle pooled connections keep every CLI command alive for 10 s.
    return new PrismaPg({ connectionString, allowExitOnIdle: true });
  },
});
