/** How much one message of a platform holds. */
export interface PackLimits {
  /** Blocks, embeds or whatever a platform counts per message. */
  itemsPerMessage: number;
  charactersPerMessage: number;
  /** Characters kept free in every message for what is added after packing (a footer, say). */
  reserve: number;
}

/** What one group adds to a message. */
export interface GroupSize {
  items: number;
  characters: number;
}

/**
 * Groups (a paper's blocks, a paper's embed) put into messages in order, each group whole, a new
 * message begun when the next group would pass a limit. There is always at least one message; a
 * group too big even for an empty message gets one of its own.
 */
export function pack<G>(groups: readonly G[], limits: PackLimits, sizeOf: (group: G) => GroupSize): G[][] {
  const messages: G[][] = [[]];
  let items = 0;
  let characters = 0;
  for (const group of groups) {
    const size = sizeOf(group);
    const current = messages.at(-1)!;
    const fits = items + size.items <= limits.itemsPerMessage && characters + size.characters <= limits.charactersPerMessage - limits.reserve;
    if (fits || current.length === 0) {
      current.push(group);
      items += size.items;
      characters += size.characters;
    } else {
      messages.push([group]);
      items = size.items;
      characters = size.characters;
    }
  }
  return messages;
}

/** Lines joined into texts of at most `maxCharacters` each (a section's or an embed description's), in order. */
export function packLines(lines: readonly string[], maxCharacters: number): string[] {
  const texts = pack(lines, { itemsPerMessage: Number.POSITIVE_INFINITY, charactersPerMessage: maxCharacters, reserve: 0 }, (line) => ({ items: 1, characters: line.length + 1 }));
  return texts.filter((group) => group.length > 0).map((group) => group.join('\n'));
}
