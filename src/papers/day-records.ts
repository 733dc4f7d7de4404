import type { StoredDay } from './archive-snapshot.js';
import type { Paper } from './paper.js';

/**
 * A day is stored as its JSON text: Keyv's own serializer walks every value in JavaScript, which
 * held the event loop for tens of milliseconds per day written (bench:event-loop); days stored
 * before this change are objects and read as they are.
 */
export function decodeDay(stored: StoredDay | string | undefined): StoredDay | undefined {
  return typeof stored === 'string' ? (JSON.parse(stored) as StoredDay) : stored;
}

/** New data wins, but counts never go down: votes and comments only grow. */
export function mergePapers(existing: Paper[], incoming: Paper[]): Paper[] {
  const byKey = new Map(existing.map((paper) => [recordKey(paper), paper]));
  for (const paper of incoming) {
    const key = recordKey(paper);
    const old = byKey.get(key);
    byKey.set(
      key,
      old
        ? { ...paper, upvotes: Math.max(old.upvotes, paper.upvotes), comments: Math.max(old.comments, paper.comments) }
        : paper,
    );
  }
  return [...byKey.values()];
}

/** One paper, however many days or fetches list it: its arXiv id, else its title. */
function recordKey(paper: Paper): string {
  return paper.id ?? paper.title;
}
