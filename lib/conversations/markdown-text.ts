// Text from a conversation (model output, prompts, titles, names) made safe to drop into a
// Markdown file that a viewer may render with raw HTML enabled: no tag, autolink or HTML block
// can start (`&`, `<` and `>` become entities), and a `javascript:`, `vbscript:` or `data:` link
// becomes an inert `unsafe:` one. Fenced code blocks stay as they are, so code stays readable.
//
// The fence rules follow CommonMark, and only where the outcome cannot depend on context: a
// fence is kept only when its opening line starts with at most 3 spaces, and it is written out
// at the start of the line, so a renderer sees it as a top-level fence whatever list or quote
// it stood in. Every other run of three backticks or tildes is backslash-escaped, so no fence
// this code did not see can open or close one. A fence left open is closed at the end of the
// text, so it cannot swallow what follows.

const UNSAFE_SCHEME = /^(?:javascript|vbscript|data):/i;
// A link destination after `](` or a reference definition's `]:`, with the spaces and at most
// one line break CommonMark allows before it. After escaping, destinations are bare (no `<…>`).
const LINK_DESTINATION = /(\]\(|\]:)([ \t]*\n?[ \t]*)([^\s()]*)/g;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const FENCE_RUN = /(`{3,}|~{3,})/g;

type Fence = { marker: string; length: number };

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

// `>` at the start of a line (after spaces and other quote markers) is a block quote: kept.
function escapeOutsideQuotes(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const quote = /^(?: {0,3}>)+/.exec(line)?.[0] ?? "";
      return quote + escapeHtml(line.slice(quote.length));
    })
    .join("\n");
}

// What a renderer makes of a destination: backslash escapes of punctuation removed (entities
// cannot occur, `&` is escaped), so `javascript\:` is caught as well.
function isUnsafeDestination(destination: string): boolean {
  return UNSAFE_SCHEME.test(destination.replace(/\\([!-/:-@[-`{-~])/g, "$1"));
}

function neutraliseLinks(text: string): string {
  return text.replace(LINK_DESTINATION, (match: string, opener: string, space: string, destination: string) =>
    isUnsafeDestination(destination) ? `${opener}${space}unsafe:${destination}` : match,
  );
}

/** Text outside fences: entities for HTML, inert unsafe links, fence-like runs escaped. */
function safeText(text: string): string {
  return neutraliseLinks(escapeOutsideQuotes(text)).replace(FENCE_RUN, (run: string) => `\\${run}`);
}

function fenceOpening(line: string): { fence: Fence; line: string } | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const [, , run = "", info = ""] = match;
  const marker = run.charAt(0);
  // A backtick fence's info string cannot hold a backtick (CommonMark): that line is text.
  if (marker === "`" && info.includes("`")) return null;
  return { fence: { marker, length: run.length }, line: `${run}${escapeHtml(info)}` };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match?.[1] !== undefined && match[1].charAt(0) === fence.marker && match[1].length >= fence.length;
}

/** A block of Markdown (a turn, a system prompt), made safe to render; fenced code kept as is. */
export function safeMarkdownBlock(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const output: string[] = [];
  let pending: string[] = [];
  let fence: Fence | null = null;
  const flushText = () => {
    if (pending.length > 0) output.push(safeText(pending.join("\n")));
    pending = [];
  };
  for (const line of lines) {
    if (fence) {
      if (closesFence(line, fence)) {
        output.push(fence.marker.repeat(fence.length));
        fence = null;
      } else {
        output.push(line);
      }
      continue;
    }
    const opening = fenceOpening(line);
    if (!opening) {
      pending.push(line);
      continue;
    }
    flushText();
    output.push(opening.line);
    fence = opening.fence;
  }
  flushText();
  if (fence) output.push(fence.marker.repeat(fence.length));
  return output.join("\n");
}

/** One line of text (a title, a name, an error), made safe to render inside a heading or list item. */
export function safeMarkdownInline(text: string): string {
  return safeText(text.replace(/[\r\n]+/g, " "));
}
