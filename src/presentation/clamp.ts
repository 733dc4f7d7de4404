/** Text cut to at most `max` characters, an ellipsis marking the cut. */
export function clamp(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Like `clamp`, without leaving a space before the ellipsis: for prose. */
export function clampProse(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
