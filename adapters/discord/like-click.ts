import type { LikeOutcome } from '../../src/likes/toggle-like.js';
import { likeButtonLabel } from './render-embeds.js';

interface RawComponent {
  type: number;
  custom_id?: string;
  label?: string;
  components?: RawComponent[];
}

/** The message's action rows with the button `customId` relabelled to `count`, keeping its paper's number. */
export function withLikeCount(rows: readonly unknown[], customId: string, count: number): unknown[] {
  return (rows as RawComponent[]).map((row) => ({
    ...row,
    components: (row.components ?? []).map((component) => {
      if (component.custom_id !== customId) return component;
      const number = /^#(\d+) /.exec(component.label ?? '')?.[1];
      return { ...component, label: likeButtonLabel(count, number ? Number(number) : undefined) };
    }),
  }));
}

/** The clicked message's buttons, the clicked 👍 showing the channel's new count; or a note only the member sees. */
export function likeAnswer(outcome: LikeOutcome, customId: string, rows: readonly unknown[] | undefined): { components: unknown[] } | { note: string } {
  if ('refused' in outcome) return { note: outcome.refused };
  if (!rows) return { note: outcome.liked ? '👍 You like this paper.' : 'You no longer like this paper.' };
  return { components: withLikeCount(rows, customId, outcome.count) };
}
