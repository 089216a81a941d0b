import { controlClassName, Field } from "@/components/ui/field";

/** The optional system prompt sent before the user's prompt. */
export function SystemPromptField({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  return (
    <Field id="playground-system" label="System prompt" labelNote="optional">
      <textarea
        id="playground-system"
        rows={3}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        placeholder="You are a helpful assistant."
        className={controlClassName(undefined, "resize-y")}
        data-testid="system-input"
      />
    </Field>
  );
}
