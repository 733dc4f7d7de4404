import type { LikeOutcome } from '../../src/likes/toggle-like.js';
import { LIKE_PREFIX, likeButtonLabel } from './render-embeds.js';

interface RawComponent {
  type: number;
  custom_id?: string;
  label?: string;
  components?: RawComponent[];
}

/** A 👍 button's custom_id: the paper, and the channel its likes count for when the button is in a digest's thread. */
export function parseLikeId(customId: string): { paperId: string; channelId?: string } {
  const [paperId = '', channelId] = customId.slice(LIKE_PREFIX.length).split('@', 2);
  return channelId && /^\d{17,20}$/.test(channelId) ? { paperId, channelId } : { paperId };
}

/** The custom_id of a 👍 in a digest's thread: clicks there count for the channel the thread is in, not the thread. */
export function likeIdInThread(customId: string, channelId: string): string {
  return customId.startsWith(LIKE_PREFIX) && !customId.includes('@') ? `${customId}@${channelId}` : customId;
}

/**
 * The message's action rows with every 👍 relabelled to the channel's count as stored now (a click
 * before this one may have changed another), each keeping its paper's number; undefined when the
 * rows are not what Discord sends.
 */
export function withLikeCounts(rows: unknown, counts: Readonly<Record<string, number>>): unknown[] | undefined {
  if (!Array.isArray(rows) || !rows.every((row) => typeof row === 'object' && row !== null && Array.isArray((row as RawComponent).components))) return undefined;
  return (rows as RawComponent[]).map((row) => ({
    ...row,
    components: row.components!.map((component) => {
      if (typeof component?.custom_id !== 'string' || !component.custom_id.startsWith(LIKE_PREFIX)) return component;
      const number = /^#(\d+) /.exec(component.label ?? '')?.[1];
      return { ...component, label: likeButtonLabel(counts[parseLikeId(component.custom_id).paperId] ?? 0, number ? Number(number) : undefined) };
    }),
  }));
}

/** The clicked message's buttons, every 👍 showing the channel's count; or a note only the member sees. */
export function likeAnswer(outcome: LikeOutcome, rows: unknown): { components: unknown[] } | { note: string } {
  if ('refused' in outcome) return { note: outcome.refused };
  const components = withLikeCounts(rows, outcome.counts);
  if (!components) return { note: outcome.liked ? '👍 You like this paper.' : 'You no longer like this paper.' };
  return { components };
}
