import type { DefaultParams } from "@/lib/validation/configuration";
import type { ProviderName } from "@/lib/llm/providers/catalog";

/** What the playground needs of a configuration: no key material, no connection details. */
export type PlaygroundConfiguration = {
  id: number;
  slug: string;
  name: string;
  provider: ProviderName;
  model: string;
  defaultParams: DefaultParams;
};

/** Only what the playground may see of a configuration (its public form carries more). */
export function toPlaygroundConfiguration({
  id,
  slug,
  name,
  provider,
  model,
  defaultParams,
}: PlaygroundConfiguration): PlaygroundConfiguration {
  return { id, slug, name, provider, model, defaultParams };
}

/** The configuration a `?configuration=` value names: its id (preferred) or its slug. */
export function matchConfiguration<T extends Pick<PlaygroundConfiguration, "id" | "slug">>(
  configurations: T[],
  key: string | undefined,
): T | undefined {
  if (!key) return undefined;
  const trimmed = key.trim();
  if (/^\d{1,10}$/.test(trimmed)) {
    const byId = configurations.find((configuration) => configuration.id === Number(trimmed));
    if (byId) return byId;
  }
  return configurations.find((configuration) => configuration.slug === trimmed);
}
