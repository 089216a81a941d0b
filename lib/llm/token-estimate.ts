import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

// A running output-token estimate while a reply streams (the provider's own count replaces it at
// the end). Text is cut just before a space that follows a non-space: o200k's pre-tokenizer starts
// a new piece there (" word", " 123" → " ", "123"), so the pieces on either side of such a cut
// encode independently and the sum equals `encode(fullText).length`. Everything before the last
// such cut is counted once and committed; only the open tail (usually part of one word) is
// re-encoded on the next delta, so the work per delta stays small however long the reply grows.
// Text with no such space (long CJK runs, minified code) is cut mid-run once the tail passes
// 2 × TAIL_CHARS, which can be off by about one token per cut.

/** Characters kept un-committed at the end of text that has no safe cut. */
const TAIL_CHARS = 256;

// Model output may contain special-token text such as "<|endoftext|>"; count it as plain text
// rather than letting the tokenizer throw.
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// Short pieces (a word, a word's beginning) repeat all through a reply: their counts are
// remembered process-wide, which skips most tokenizer calls. Bounded; cleared when full.
const SHORT_PIECE_CHARS = 24;
const MAX_REMEMBERED = 20_000;
const rememberedCounts = new Map<string, number>();

function count(text: string): number {
  if (text.length > SHORT_PIECE_CHARS) return countTokens(text, PLAIN_TEXT);
  let tokens = rememberedCounts.get(text);
  if (tokens === undefined) {
    tokens = countTokens(text, PLAIN_TEXT);
    if (rememberedCounts.size >= MAX_REMEMBERED) rememberedCounts.clear();
    rememberedCounts.set(text, tokens);
  }
  return tokens;
}

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

  const commit = (cut: number) => {
    if (cut <= 0) return;
    committedTokens += count(tail.slice(0, cut));
    tail = tail.slice(cut);
  };

  return {
    add(text: string): number {
      if (!text) return committedTokens + tailTokens;
      // The tail holds no safe cut except perhaps at 0, so only the delta (and the character before it) is searched.
      const searchFrom = Math.max(1, tail.length);
      tail += text;
      commit(lastSafeCut(tail, searchFrom));
      if (tail.length > 2 * TAIL_CHARS) commit(boundedCut(tail, tail.length - TAIL_CHARS));
      tailTokens = tail ? count(tail) : 0;
      return committedTokens + tailTokens;
    },
    total(): number {
      return committedTokens + tailTokens;
    },
  };
}

/** The last index ≥ `from` just before a space that follows a non-space; 0 when there is none. */
function lastSafeCut(text: string, from: number): number {
  for (let index = text.length - 1; index >= from; index--) {
    if (text.charCodeAt(index) === 32 && !isSpace(text.charCodeAt(index - 1))) return index;
  }
  return 0;
}

/** `limit`, kept off the middle of a surrogate pair. */
function boundedCut(text: string, limit: number): number {
  const code = text.charCodeAt(limit);
  return code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit;
}

function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(String.fromCharCode(code));
}
