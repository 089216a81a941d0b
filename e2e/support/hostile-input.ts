// Deterministic hostile input for the API robustness specs: a seeded generator (mulberry32, so a
// failing case can be replayed from its seed), pools of nasty values, and the checks an error
// answer must pass (no stack trace, no internals).

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** A random subset, in a random order. */
  subset<T>(items: readonly T[], probability = 0.5): T[] {
    const chosen = items.filter(() => this.chance(probability));
    for (let index = chosen.length - 1; index > 0; index -= 1) {
      const other = this.int(0, index);
      [chosen[index], chosen[other]] = [chosen[other] as T, chosen[index] as T];
    }
    return chosen;
  }
}

export const HUGE = "x".repeat(300_000);

/** Strings that break naive parsers, coercions, databases and logs. None contains a leak marker. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "   \t\n",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "-1e309",
  "1e-400",
  "0x10",
  "0b101",
  "1_000",
  "１２",
  "9".repeat(400),
  "0.7.1",
  "[]",
  "{}",
  '["a"',
  '["a","b","c","d","e"]',
  '[""]',
  "[1,2]",
  '[{"a":1}]',
  '[["nested"]]',
  "[" + "x".repeat(120) + "]",
  '{"__proto__":{"admin":true}}',
  "null",
  "undefined",
  "true",
  "false",
  "__proto__",
  "constructor",
  "toString",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\udbff\udbff",
  "é漢字🙂👩‍👩‍👧",
  "\u202eevil\u202c",
  "\ufeffbom",
  "\u200b",
  "Ω".repeat(101),
  "x".repeat(101),
  "x".repeat(301),
  "' OR '1'='1",
  "1; DROP TABLE messages; --",
  "admin'--",
  '" OR ""="',
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "/proc/self/environ",
  "file:///etc/shadow",
  "%00",
  "%252e%252e%252f",
  "<script>alert(1)</script>",
  "${jndi:ldap://127.0.0.1/a}",
  "{{7*7}}",
  'data: {"type":"done"}\n\nid: 1:1\n\n',
  "\r\n\r\nHTTP/1.1 200 OK",
  "low",
  "HIGH",
  "0.5",
  "1",
  "1024",
  "2",
  "-1",
  "0",
  "4.5",
];

/** Query-string fragments inserted as they are (already percent-encoded, some of them badly). */
export const RAW_QUERY_VALUES: readonly string[] = [
  "%ED%A0%80", // a lone high surrogate as (invalid) UTF-8
  "%ED%B0%80", // a lone low surrogate
  "%FF%FE",
  "%C0%AF", // overlong "/"
  "%E2%82", // truncated sequence
  "%",
  "%zz",
  "%%",
  "%00",
  "a+b+c",
  "%2B1",
  "=",
  "&",
  "%26prompt%3Dsmuggled",
  "#fragment",
];

export const UNKNOWN_KEYS: readonly string[] = [
  "__proto__",
  "constructor",
  "prototype",
  "configuration[]",
  "prompt[0]",
  "PROMPT",
  "Configuration",
  "model",
  "provider",
  "stream",
  "userId",
  "role",
  "x",
  "a%00b",
  "%ED%A0%80",
  "",
  "messages",
];

/** Path ids that are not a record's id, already percent-encoded (some parse to a small number: see SAFE_BAD_IDS). */
export const BAD_IDS: readonly string[] = [
  "0",
  "-1",
  "abc",
  "99999999999",
  "1.5",
  "1e3",
  "0x1",
  "%201",
  "1%20",
  "NaN",
  "Infinity",
  "-0",
  "2147483648",
  "2147483647",
  "00001",
  "1%3BDROP",
  "%00",
  "%E2%80%AE1",
  encodeURIComponent("１"),
  "9".repeat(400),
  "%2F1",
  "null",
  "true",
  "%5B1%5D",
];

/** BAD_IDS without those a lenient parser could read as an existing record (e.g. "00001" → the first admin). */
export const SAFE_BAD_IDS: readonly string[] = BAD_IDS.filter((id) => {
  let value: number;
  try {
    value = Number(decodeURIComponent(id).trim());
  } catch {
    return true;
  }
  return !(Number.isInteger(value) && value > 0 && value < 1_000_000_000);
});

/** Numbers for JSON bodies (JSON itself cannot carry NaN or Infinity; raw bodies try those). */
export const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  2.5,
  1.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 53 + 1,
  2 ** 31,
  1024,
  128_001,
  1e21,
  7,
];

/** Percent-encodes a string for a URL; lone surrogates become their (invalid) 3-byte UTF-8 form instead of throwing. */
export function encodeQueryValue(value: string): string {
  let encoded = "";
  for (let index = 0; index < value.length; index += 1) {
    const unit = value.charCodeAt(index);
    const following = value.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && following >= 0xdc00 && following <= 0xdfff) {
      encoded += encodeURIComponent(value.slice(index, index + 2));
      index += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      encoded += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    } else {
      encoded += encodeURIComponent(value[index] ?? "");
    }
  }
  return encoded;
}

/** A short, escaped rendering of a possibly huge string, for failure logs. */
export function preview(value: string, max = 160): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max / 2))}…(${value.length} chars in all)…${JSON.stringify(value.slice(-20))}`;
}

/** Signs that an error answer leaks internals: stack frames, source paths, raw JS errors, the ORM. */
const LEAK_MARKERS: ReadonlyArray<[RegExp, string]> = [
  [/\bat [\w$.<>[\]]+ \(|(^|\\n|\n)\s*at \S/, "a stack frame"],
  [/node_modules/, "a node_modules path"],
  [/\.[cm]?[jt]sx?:\d|\.ts:/, "a source position"],
  [/(^|["\s])(?:[A-Z]\w*)?Error: /, "a raw JavaScript error"],
  [/prisma/i, "Prisma"],
  [/DriverAdapter|PostgreSQL said|invalid byte sequence|SQLSTATE/i, "a database error"],
];

/** The first leak marker found in a response body, or null. */
export function leakIn(text: string): string | null {
  for (const [pattern, label] of LEAK_MARKERS) {
    if (pattern.test(text)) return label;
  }
  return null;
}
