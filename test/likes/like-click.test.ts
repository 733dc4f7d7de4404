import { describe, expect, it } from 'vitest';
import { likeAnswer as discordAnswer, parseLikeId } from '../../adapters/discord/like-click.js';
import { likeAnswer as slackAnswer } from '../../adapters/slack/like-click.js';

const liked = { liked: true, count: 2, counts: { '2506.05282': 2 } };

describe('a 👍 click whose message is not what the platform sends', () => {
  it.each([undefined, null, 'rows', [null], [{ type: 1 }], [{ type: 1, components: 'x' }]])('Discord rows %j: the member gets a note, nothing is edited', (rows) => {
    expect(discordAnswer(liked, rows)).toEqual({ note: '👍 You like this paper.' });
  });

  it.each([undefined, { text: 'x' }, { text: 'x', blocks: 'no' }])('Slack message %j: the member gets a note', (message) => {
    expect(slackAnswer(liked, message)).toEqual({ note: '👍 You like this paper; 1 other member here likes it.' });
  });

  it('a custom_id names the channel only with a snowflake after @', () => {
    expect(parseLikeId('papers:like:2506.05282@400000000000000004')).toEqual({ paperId: '2506.05282', channelId: '400000000000000004' });
    expect(parseLikeId('papers:like:2506.05282@<@everyone>')).toEqual({ paperId: '2506.05282' });
    expect(parseLikeId('papers:like:hep-th/9901001')).toEqual({ paperId: 'hep-th/9901001' });
  });
});
