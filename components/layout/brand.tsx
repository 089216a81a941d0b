/** The product mark and name; `compact` keeps the name for screen readers only on small screens. */
export function Brand({ size = "md", compact = false }: { size?: "md" | "lg"; compact?: boolean }) {
  const mark = size === "lg" ? "size-10 rounded-xl" : "size-8 rounded-lg";
  const text = size === "lg" ? "text-xl" : "text-base";
  return (
    <span className="inline-flex items-center gap-2.5">
      <span
        className={`${mark} grid shrink-0 place-items-center bg-gradient-to-br from-blue-600 to-indigo-600 text-white shadow-sm`}
        aria-hidden="true"
      >
        <svg
          className="size-[60%]"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M4 7h10M4 12h16M4 17h7" />
          <circle cx="18" cy="7" r="2" />
          <circle cx="15" cy="17" r="2" />
        </svg>
      </span>
      <span
        className={`${text} font-semibold tracking-tight text-slate-900 dark:text-white ${compact ? "sr-only sm:not-sr-only" : ""}`}
      >
        LLM Manager
      </span>
    </span>
  );
}
