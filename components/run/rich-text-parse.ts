// A deliberately small Markdown subset for model output: paragraphs, headings, lists, fenced
// code, inline code, bold and italics. It yields plain data that React renders as text, so
// nothing in a reply can become HTML. Incomplete syntax mid-stream (an unclosed fence or `**`)
// degrades to an open code block or literal characters until the rest arrives.

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] };

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: string[] }
  | { kind: "code"; language: string; code: string; closed: boolean };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;

function headingLevel(hashes: number): 1 | 2 | 3 {
  return hashes <= 1 ? 1 : hashes === 2 ? 2 : 3;
}

/** Splits text into blocks; an unclosed fence runs to the end and is marked open. */
export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.split(/\r?\n/);
  let paragraph: string[] = [];
  let list: Extract<Block, { kind: "list" }> | null = null;

  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join("\n") });
    paragraph = [];
    if (list) blocks.push(list);
    list = null;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const fence = FENCE.exec(line);
    if (fence?.[1]) {
      flush();
      const marker = fence[1];
      const code: string[] = [];
      let closed = false;
      for (index += 1; index < lines.length; index += 1) {
        const inner = lines[index] ?? "";
        const trimmed = inner.trim();
        if (trimmed.startsWith(marker) && trimmed.split("").every((character) => character === marker[0])) {
          closed = true;
          break;
        }
        code.push(inner);
      }
      blocks.push({ kind: "code", language: fence[2] ?? "", code: code.join("\n"), closed });
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading?.[1] && paragraph.length === 0) {
      flush();
      blocks.push({ kind: "heading", level: headingLevel(heading[1].length), text: heading[2] ?? "" });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const item = (bullet ? bullet[1] : numbered?.[2]) ?? "";
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { kind: "list", ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      list.items.push(item);
      continue;
    }
    if (list) {
      // A plain line right after an item continues it (a wrapped item).
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last] ?? ""}\n${line.trim()}`;
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return blocks;
}

// Leftmost match wins; at the same position code comes first, then bold before italics.
const INLINE =
  /`([^`\n]+)`|\*\*(?=\S)([\s\S]*?\S)\*\*|(?<![\p{L}\p{N}_])__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}_])|\*(?=[^\s*])([^*]*?[^\s*])\*|(?<![\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu;

/** Inline code, bold and italics; everything else stays text. */
export function parseInline(text: string, depth = 0): Inline[] {
  const nodes: Inline[] = [];
  let position = 0;
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > position) nodes.push({ kind: "text", text: text.slice(position, match.index) });
    const [whole, code, strongStars, strongUnderscores, emStars, emUnderscores] = match;
    const strong = strongStars ?? strongUnderscores;
    const em = emStars ?? emUnderscores;
    if (code !== undefined) nodes.push({ kind: "code", text: code });
    else if (strong !== undefined)
      nodes.push({
        kind: "strong",
        children: depth < 3 ? parseInline(strong, depth + 1) : [{ kind: "text", text: strong }],
      });
    else if (em !== undefined)
      nodes.push({ kind: "em", children: depth < 3 ? parseInline(em, depth + 1) : [{ kind: "text", text: em }] });
    else nodes.push({ kind: "text", text: whole });
    position = match.index + whole.length;
  }
  if (position < text.length) nodes.push({ kind: "text", text: text.slice(position) });
  return nodes;
}
