import { describe, expect, it } from 'vitest';
import { renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { renderText } from '../../adapters/terminal/render-text.js';
import type { Reply } from '../../src/commands/reply.js';
import { samplePaper } from '../presentation/sample-papers.js';

const HOSTILE = '<!channel> @everyone <@U999> *bold*';

/** A digest whose first paper the channel's taste lifted, liked by a member with a hostile name. */
function digest(): Reply {
  return {
    kind: 'papers', visibility: 'channel', heading: 'Daily Papers digest, 2025-06-10', notes: [], similar: true, likes: true,
    papers: [
      { paper: samplePaper(1), reasons: [], likes: 3, likedLike: { title: `Liked ${HOSTILE}` } },
      { paper: samplePaper(2), reasons: [], likedBy: ['ada', HOSTILE] },
      { paper: samplePaper(3, { id: null }), reasons: [] },
    ],
  };
}

describe('👍 and the taste reason, as each platform shows them', () => {
  it('Slack: a 👍 button per paper with an id, showing its count; the reason and the likers escaped, pinging nobody', () => {
    const [message] = renderSlackMessages(digest());
    const text = JSON.stringify(message);
    const likes = message!.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as { action_id: string; text: { text: string } }[]) : []));
    expect(likes.map((e) => [e.action_id, e.text.text])).toEqual([['papers_like:2406.10001', '👍 3'], ['papers_like:2406.10002', '👍']]);
    expect(text).toContain('👍 Like papers this channel liked: Liked &lt;!channel&gt; @everyone &lt;@U999&gt; *bold*');
    expect(text).toContain('👍 2: ada, &lt;!channel&gt;');
    expect(text).not.toMatch(/<!channel>|<@U999>/);
  });

  it('Discord: #N 👍 buttons under the message, the reason in the embed, no mention allowed', () => {
    const [message] = renderDiscordMessages(digest());
    const buttons = (message!.components as { components: { label: string; custom_id: string }[] }[]).flatMap((row) => row.components);
    expect(buttons.filter((b) => b.custom_id.startsWith('papers:like:')).map((b) => b.label)).toEqual(['#1 👍 3', '#2 👍']);
    expect(message!.embeds[0]!.description).toContain('👍 Like papers this channel liked: Liked <!channel\\> @\u200beveryone <@U999\\> \\*bold\\*');
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  it('the terminal: the count, the reason and the likers as lines under the paper', () => {
    const text = renderText(digest(), '/papers');
    expect(text).toContain('    👍 3\n');
    expect(text).toContain('    👍 Like papers this channel liked: Liked <!channel>');
    expect(text).toContain('    👍 2: ada, <!channel>');
  });
});
