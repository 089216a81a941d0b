import { TextField } from "@/components/ui/text-field";

/** The admin-set cap on the output tokens a run of this configuration may ask for (empty = the deployment's default). */
export function MaxTokensCapField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id="configuration-maxTokensCap"
      label="Max tokens cap"
      labelNote="empty = the server's default (RUN_MAX_TOKENS_CAP)"
      inputMode="numeric"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
      data-testid="configuration-max-tokens-cap"
    />
  );
}
