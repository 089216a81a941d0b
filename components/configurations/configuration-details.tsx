import type { ReactNode } from "react";
import { ProviderBadge } from "@/components/configurations/provider-badge";
import type { PublicConfiguration } from "@/lib/contracts/configurations";
import { cardClassName } from "@/components/ui/card";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900 dark:text-slate-100">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-500 italic dark:text-slate-400">none</span>;

/** A configuration read-only, for viewers: no key material, and of the extra headers only their names. */
export function ConfigurationDetails({ configuration }: { configuration: PublicConfiguration }) {
  const { temperature, maxTokens, topP, stop } = configuration.defaultParams;
  const headers = configuration.extraHeaders;
  return (
    <dl
      className={cardClassName("divide-y divide-slate-100 px-5 py-2 text-sm dark:divide-slate-800")}
      data-testid="configuration-details"
    >
      <Item label="Provider">
        <ProviderBadge provider={configuration.provider} />
      </Item>
      <Item label="Model">
        <span className="font-mono">{configuration.model}</span>
      </Item>
      <Item label="Slug">
        <span className="font-mono">{configuration.slug}</span>
      </Item>
      <Item label="Base URL">
        {configuration.baseUrl ? (
          <span className="font-mono">{configuration.baseUrl}</span>
        ) : (
          <span className="text-slate-500 italic dark:text-slate-400">provider default</span>
        )}
      </Item>
      <Item label="API key">
        <span data-testid="details-api-key">
          {configuration.hasApiKey ? "Set (only administrators manage it)" : "None"}
        </span>
      </Item>
      <Item label="Default parameters">
        {[
          temperature !== undefined ? `temperature ${temperature}` : null,
          maxTokens !== undefined ? `max tokens ${maxTokens}` : null,
          topP !== undefined ? `top P ${topP}` : null,
          stop?.length ? `stop ${stop.map((item) => JSON.stringify(item)).join(", ")}` : null,
        ]
          .filter(Boolean)
          .join(" · ") || none}
      </Item>
      <Item label="Extra headers">
        {headers.length === 0 ? (
          none
        ) : (
          <ul className="font-mono text-xs">
            {headers.map((header) => (
              <li key={header.name} data-testid="details-header">
                {header.name} <span className="font-sans text-slate-500 dark:text-slate-400">(value hidden)</span>
              </li>
            ))}
          </ul>
        )}
      </Item>
      <Item label="Timeouts">
        first token {configuration.firstTokenTimeoutMs.toLocaleString()} ms · total{" "}
        {configuration.totalTimeoutMs.toLocaleString()} ms
      </Item>
      <Item label="Status">{configuration.active ? "Active" : "Inactive"}</Item>
    </dl>
  );
}
