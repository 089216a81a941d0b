import type { ComponentProps } from "react";

const CARD = "rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900";

/** The card surface (border, background, dark mode) with the caller's layout classes. */
export function cardClassName(extra?: string): string {
  return extra ? `${CARD} ${extra}` : CARD;
}

/** A `div` with the card surface. */
export function Card({ className, ...props }: ComponentProps<"div">) {
  return <div className={cardClassName(className)} {...props} />;
}
