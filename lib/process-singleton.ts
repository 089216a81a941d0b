// State the whole process must share lives on globalThis: Next bundles a module once for route
// handlers and again for pages, and development reloads re-run modules, so a module-level
// variable would give each copy its own.
const SLOTS = Symbol.for("llm-manager.process-singletons");

function slots(): Map<string, unknown> {
  const existing: unknown = Reflect.get(globalThis, SLOTS);
  if (existing instanceof Map) return existing as Map<string, unknown>;
  const created = new Map<string, unknown>();
  Reflect.set(globalThis, SLOTS, created);
  return created;
}

/** The process's one value named `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const all = slots();
  if (!all.has(name)) all.set(name, create());
  // Only this function fills a slot, and each name is used by one call site with one type.
  return all.get(name) as T;
}
