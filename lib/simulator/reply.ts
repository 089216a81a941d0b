// Deterministic reply text: the same prompt always gets the same reply, so tests can compare it.

const FRAGMENT_CODE_POINTS = 5;
const ECHO_WORDS = 6;
const ECHO_MAX_CODE_POINTS = 60;

/** The first few words of the prompt, quoted back in the reply and the reasoning. */
export function echoOf(prompt: string): string {
  const words = prompt
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .slice(0, ECHO_WORDS)
    .join(" ");
  const codePoints = Array.from(words);
  if (codePoints.length === 0) return "(empty prompt)";
  return codePoints.length > ECHO_MAX_CODE_POINTS ? `${codePoints.slice(0, ECHO_MAX_CODE_POINTS).join("")}…` : words;
}

/** The answer: multi-sentence, with "é", "—" and an emoji so multi-byte handling is exercised. */
export function replyText(prompt: string): string {
  return (
    `You said “${echoOf(prompt)}”. Here is a simulated answer — streamed token by token from the LLM Manager simulator. ` +
    "Café au lait, a naïve façade and a small rocket 🚀 check that multi-byte characters survive the trip. " +
    "The same prompt always gets the same reply, so tests can compare it exactly."
  );
}

/** The reasoning shown before the answer in the reasoning scenario. */
export function thinkingText(prompt: string): string {
  return (
    `Let me think about “${echoOf(prompt)}”. The user wants a clear, short answer — ` +
    "I'll mention the simulator, keep it friendly and include accented letters (é, ü) to be safe. ✓ Ready."
  );
}

/** Splits text into tokens: leading whitespace plus up to five code points (words become fragments). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let letters = 0;
  for (const character of text) {
    if (/\s/u.test(character)) {
      if (letters > 0) {
        tokens.push(current);
        current = "";
        letters = 0;
      }
      current += character;
      continue;
    }
    if (letters >= FRAGMENT_CODE_POINTS) {
      tokens.push(current);
      current = "";
      letters = 0;
    }
    current += character;
    letters += 1;
  }
  if (current.length > 0) tokens.push(current);
  return tokens;
}

/** Exactly `count` tokens: the normal reply, then numbered paragraphs as long as needed. */
export function longTokens(prompt: string, count: number): string[] {
  const tokens = tokenize(replyText(prompt));
  for (let paragraph = 1; tokens.length < count; paragraph += 1) {
    tokens.push(
      ...tokenize(
        `\n\nParagraph ${paragraph} — the simulator keeps going so long replies can be measured: café, naïve, 🚀.`,
      ),
    );
  }
  return tokens.slice(0, count);
}

let hugeText: string | null = null;

/** The single ~1 MB delta of the huge-chunk scenario (mixed ASCII and multi-byte text). */
export function hugeChunkText(): string {
  if (hugeText === null) {
    const unit = "Huge chunk — café 🚀 ";
    const unitBytes = Buffer.byteLength(unit);
    hugeText = unit.repeat(Math.ceil((1024 * 1024) / unitBytes));
  }
  return hugeText;
}

/** Bytes the invalid-utf8 scenario writes inside one text delta, and what a WHATWG decoder makes of them. */
export const INVALID_UTF8_BYTES = Uint8Array.from([0xc3, 0x28, 0xff]);
export const INVALID_UTF8_DECODED = "\uFFFD(\uFFFD";
/** ASCII placeholder the encoders carry until the raw bytes are swapped in. */
export const INVALID_UTF8_PLACEHOLDER = "@@SIM_INVALID_UTF8@@";

/** A rough, deterministic prompt token count: tokens of every message plus 3 per message. */
export function countPromptTokens(texts: string[]): number {
  return texts.reduce((sum, text) => sum + tokenize(text).length + 3, 0);
}

/** Cuts text at the earliest stop sequence; null when none occurs. */
export function cutAtStop(text: string, stops: string[]): { text: string; sequence: string } | null {
  let best: { text: string; sequence: string } | null = null;
  let bestIndex = Number.POSITIVE_INFINITY;
  for (const sequence of stops) {
    if (sequence.length === 0) continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && index < bestIndex) {
      bestIndex = index;
      best = { text: text.slice(0, index), sequence };
    }
  }
  return best;
}
