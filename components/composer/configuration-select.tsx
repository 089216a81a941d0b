import { ProviderBadge } from "@/components/configurations/provider-badge";
import { controlClassName, Field } from "@/components/ui/field";
import type { PlaygroundConfiguration } from "@/components/composer/playground-configuration";
import { PROVIDER_CATALOG } from "@/lib/llm/providers/catalog";

function defaultsSummary(configuration: PlaygroundConfiguration): string | null {
  const { temperature, maxTokens, topP, stop } = configuration.defaultParams;
  const parts = [
    temperature !== undefined ? `temperature ${temperature}` : null,
    maxTokens !== undefined ? `max tokens ${maxTokens}` : null,
    topP !== undefined ? `top P ${topP}` : null,
    stop && stop.length > 0 ? `${stop.length} stop sequence${stop.length === 1 ? "" : "s"}` : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** Every active configuration, whichever provider; the chosen one's model and defaults below. */
export function ConfigurationSelect({
  configurations,
  selected,
  onSelect,
  disabled,
}: {
  configurations: PlaygroundConfiguration[];
  selected: PlaygroundConfiguration;
  onSelect: (id: number) => void;
  disabled: boolean;
}) {
  const defaults = defaultsSummary(selected);
  return (
    <Field id="playground-configuration" label="Configuration">
      <select
        id="playground-configuration"
        value={selected.id}
        onChange={(event) => onSelect(Number(event.target.value))}
        disabled={disabled}
        title={disabled ? "Stop the run to switch configurations." : undefined}
        className={controlClassName(undefined, "pr-8")}
        data-testid="configuration-select"
      >
        {configurations.map((configuration) => (
          <option key={configuration.id} value={configuration.id}>
            {configuration.name} — {PROVIDER_CATALOG[configuration.provider].label}
          </option>
        ))}
      </select>
      <div
        className="mt-2 flex min-w-0 items-center gap-2 text-xs text-slate-600 dark:text-slate-400"
        data-testid="selected-configuration"
        data-slug={selected.slug}
      >
        <ProviderBadge provider={selected.provider} />
        <span className="truncate font-mono" title={selected.model}>
          {selected.model}
        </span>
      </div>
      <p className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
        {defaults ? `Defaults: ${defaults}.` : "No default parameters; the provider's own apply."}
      </p>
    </Field>
  );
}
