/**
 * A URL every renderer may put inside its link syntax: plain http(s), without whitespace or any
 * character that link markups such as `<url|label>` and `[label](url)` treat specially (`<>()|"`).
 * Anything else is dropped rather than repaired.
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>()|"]+$/i.test(url) ? url : undefined;
}
