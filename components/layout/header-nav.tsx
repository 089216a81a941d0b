"use client";

import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";

/**
 * The main navigation: inline on wide screens, behind a Menu button below `xl`. The links are
 * rendered once, so a new section is one NavLink line in app-header.tsx.
 */
export function HeaderNav({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    function onPointerDown(event: PointerEvent): void {
      if (event.target instanceof Node && !navRef.current?.contains(event.target)) setOpen(false);
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  // Following a link closes the menu.
  function onLinksClick(event: MouseEvent<HTMLDivElement>): void {
    if (event.target instanceof Element && event.target.closest("a")) setOpen(false);
  }

  return (
    <nav ref={navRef} aria-label="Main" className="flex items-center">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="main-nav-links"
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 xl:hidden dark:text-slate-200 dark:hover:bg-slate-800 dark:hover:text-white"
        data-testid="nav-menu-button"
      >
        <svg
          className="size-5"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
          aria-hidden="true"
        >
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5.5h14M3 10h14M3 14.5h14" />}
        </svg>
        <span className="sr-only sm:not-sr-only">Menu</span>
      </button>
      <div
        id="main-nav-links"
        onClick={onLinksClick}
        className={`${
          open ? "flex" : "hidden"
        } absolute inset-x-0 top-full flex-col gap-1 border-b border-slate-200 bg-white px-4 py-3 shadow-lg sm:px-6 xl:static xl:flex xl:flex-row xl:items-center xl:gap-1 xl:border-0 xl:bg-transparent xl:p-0 xl:shadow-none dark:border-slate-800 dark:bg-slate-900 xl:dark:bg-transparent`}
        data-testid="nav-links"
      >
        {children}
      </div>
    </nav>
  );
}
