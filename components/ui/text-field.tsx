import type { InputHTMLAttributes, ReactNode, Ref } from "react";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  id: string;
  label: string;
  /** Shown after the label, e.g. "optional". */
  labelNote?: string;
  hint?: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input with an optional hint and an error tied to it through aria-describedby. */
export function TextField({ id, label, labelNote, hint, error, className = "", ref, ...input }: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const tone = error
    ? "border-red-500 focus:border-red-500 dark:border-red-400"
    : "border-slate-300 focus:border-blue-500 dark:border-slate-700 dark:focus:border-blue-400";
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className="flex items-baseline justify-between text-sm font-medium text-slate-800 dark:text-slate-200"
      >
        <span>{label}</span>
        {labelNote ? <span className="text-xs font-normal text-slate-500 dark:text-slate-400">{labelNote}</span> : null}
      </label>
      <input
        id={id}
        ref={ref}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1.5 block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-500 ${tone}`}
        {...input}
      />
      {hint ? (
        <div id={hintId} className="mt-1.5 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p
          id={errorId}
          className="mt-1.5 text-xs font-medium text-red-600 dark:text-red-400"
          data-testid={`${id}-error`}
        >
          {error}
        </p>
      ) : null}
    </div>
  );
}
