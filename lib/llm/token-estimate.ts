import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

// A running output-token estimate while a reply streams (the provider's own count replaces it at
// the end). Re-encoding the whole reply on every delta is quadratic, so the text is cut into a
// committed part, counted once, and a tail of at most ~2 × TAIL_CHARS that is re-encoded on each
// delta. Cuts are made just before a space that follows a non-space: o200k's pre-tokenizer starts
// a new piece there (" word", " 123" → " ", "123"), so such a cut changes nothing and the count
// equals `encode(fullText).length`. Only text with no such space in the window (long CJK runs,
// minified code) is cut mid-run, which can be off by about one token per cut.

/** Characters kept un-committed at the end of the text. */
const TAIL_CHARS = 256;

// Model output may contain special-token text such as "<|endoftext|>"; count it as plain text
// rather than letting the tokenizer throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export type TokenCounter = {
  /** Appends a delta and returns the running token total. */
  add(text: string): number;
  /** The running token total so far. */
  total(): number;
};

/** A running o200k_base token counter for streamed text; see the note at the top of this file. */
export function createTokenCounter(): TokenCounter {
  let committedTokens = 0;
  let tail = "";
  let tailTokens = 0;

  const commitPrefix = () => {
    const cut = cutPoint(tail, tail.length - TAIL_CHARS);
    if (cut <= 0) return;
    committedTokens += countTokens(tail.slice(0, cut), PLAIN_TEXT);
    tail = tail.slice(cut);
  };

  return {
    add(text: string): number {
      if (!text) return committedTokens + tailTokens;
      tail += text;
      if (tail.length > 2 * TAIL_CHARS) commitPrefix();
      tailTokens = countTokens(tail, PLAIN_TEXT);
      return committedTokens + tailTokens;
    },
    total(): number {
      return committedTokens + tailTokens;
    },
  };
}

/** The last index ≤ `limit` just before a space that follows a non-space; else `limit` itself, kept off a surrogate pair. */
function cutPoint(text: string, limit: number): number {
  for (let index = limit; index > 0; index--) {
    if (text[index] === " " && !/\s/.test(text[index - 1] ?? " ")) return index;
  }
  const code = text.charCodeAt(limit);
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit;
}
