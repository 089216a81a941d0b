import { Fragment, useMemo } from "react";
import { CopyButton } from "@/components/run/copy-button";
import { parseBlocks, parseInline, type Block, type Inline } from "@/components/run/rich-text-parse";

function InlineNodes({ nodes }: { nodes: Inline[] }) {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case "text":
        return <Fragment key={index}>{node.text}</Fragment>;
      case "code":
        return (
          <code
            key={index}
            className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800 dark:bg-slate-800 dark:text-slate-200"
          >
            {node.text}
          </code>
        );
      case "strong":
        return (
          <strong key={index} className="font-semibold text-slate-900 dark:text-white">
            <InlineNodes nodes={node.children} />
          </strong>
        );
      case "em":
        return (
          <em key={index}>
            <InlineNodes nodes={node.children} />
          </em>
        );
    }
  });
}

function InlineText({ text }: { text: string }) {
  return <InlineNodes nodes={parseInline(text)} />;
}

const headingStyles = { 1: "text-lg", 2: "text-base", 3: "text-sm" } as const;

function BlockView({ block, streaming }: { block: Block; streaming: boolean }) {
  switch (block.kind) {
    case "paragraph":
      return (
        <p className="whitespace-pre-wrap">
          <InlineText text={block.text} />
        </p>
      );
    case "heading": {
      // Output sits under the page's own headings; real h-elements would break the outline.
      return (
        <p className={`${headingStyles[block.level]} font-semibold text-slate-900 dark:text-white`}>
          <InlineText text={block.text} />
        </p>
      );
    }
    case "list": {
      const items = block.items.map((item, index) => (
        <li key={index} className="whitespace-pre-wrap">
          <InlineText text={item} />
        </li>
      ));
      return block.ordered ? (
        <ol start={block.start} className="list-decimal space-y-1 pl-6">
          {items}
        </ol>
      ) : (
        <ul className="list-disc space-y-1 pl-6">{items}</ul>
      );
    }
    case "code":
      return (
        <div
          className="overflow-hidden rounded-lg border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-950"
          data-testid="output-code-block"
        >
          <div className="flex h-8 items-center justify-between border-b border-slate-200 pr-1 pl-3 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <span className="font-mono">{block.language || "code"}</span>
            {block.closed || !streaming ? (
              <CopyButton text={block.code} label="Copy code" />
            ) : (
              <span className="pr-2">streaming…</span>
            )}
          </div>
          <pre className="overflow-x-auto p-3 font-mono text-[0.8125rem] leading-relaxed text-slate-800 dark:text-slate-200">
            <code>{block.code}</code>
          </pre>
        </div>
      );
  }
}

/** Model output as safe rich text: React elements only, never HTML from the reply. */
export function RichText({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const blocks = useMemo(() => parseBlocks(text), [text]);
  return (
    <div className="space-y-3 break-words">
      {blocks.map((block, index) => (
        <BlockView key={index} block={block} streaming={streaming} />
      ))}
    </div>
  );
}
