import { afterEach, describe, expect, it } from 'vitest';
import { renderSlackMessages } from '../../adapters/slack/render-blocks.js';
import { SLACK_LIMITS } from '../../adapters/slack/slack-limits.js';
import type { Reply } from '../../src/commands/reply.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { postSigned } from '../fakes/fake-slack.js';
import { fixturePath } from '../helpers/fixtures.js';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

type Accessory = { type: string; action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; accessory?: Accessory; elements?: { action_id: string }[] };
const blocksOf = (message: Record<string, unknown>) => message.blocks as Block[];
/** The sections that show a paper (a linked, bold title), with their Similar buttons. */
const paperSections = (message: Record<string, unknown>) => blocksOf(message).filter((b) => b.type === 'section' && /\*<https:\/\/[^|]+\/papers\/\d{4}\.\d{4,5}\|/.test(b.text!.text));

describe('Similar buttons in Slack', () => {
  it('a search answer carries a Similar button per paper; a click answers only the clicking member with similar papers and why', async () => {
    bot = await startSlackBot();
    await bot.command('search video', { responseId: 'search' });
    const [answer] = await bot.responsesTo('search');
    const sections = paperSections(answer!);
    expect(sections).toHaveLength(5);
    for (const section of sections) {
      const id = /\/papers\/(\d{4}\.\d{4,5})\|/.exec(section.text!.text)![1]!;
      expect(section.accessory).toEqual({ type: 'button', action_id: `papers_similar:${id}`, text: { type: 'plain_text', text: 'Similar' }, value: id });
    }
    // More and Share stay where they were, at the end.
    expect(blocksOf(answer!).filter((b) => b.type === 'actions').at(-1)!.elements!.map((e) => e.action_id)).toEqual(['papers_more', 'papers_share']);

    const first = sections[0]!.accessory!;
    expect((await bot.click(first.action_id, first.value, 'similar')).status).toBe(200);
    const [similar] = await bot.responsesTo('similar');
    expect(similar!.response_type).toBe('ephemeral');
    expect(similar!.replace_original).toBe(false);
    expect(blocksOf(similar!)[0]!.text!.text).toMatch(new RegExp(`^\\*Papers most like arXiv ${first.value.replace('.', '\\.')}, "`));
    const neighbours = paperSections(similar!);
    expect(neighbours.length).toBeGreaterThan(0);
    expect(neighbours.map((b) => b.accessory!.value)).not.toContain(first.value);
    for (const section of neighbours) expect(section.text!.text).toMatch(/\nMatched (title|keywords|abstract): /);
  });

  it('a button can only ask for similar papers: another command in its value is refused, and nothing changes', async () => {
    bot = await startSlackBot();
    await bot.click('papers_similar:x', 'subscribe video', 'tampered');
    const [reply] = await bot.responsesTo('tampered');
    expect(blocksOf(reply!)[0]!.text!.text).toContain('Give an arXiv id or link');
    expect((await bot.runtime.channels.get('slack:T1:C1')).topics).toEqual([]);
  });

  it('a click whose signature does not verify is refused and runs nothing', async () => {
    bot = await startSlackBot();
    const payload = {
      type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1', username: 'ada', team_id: 'T1' }, api_app_id: 'A1', token: 'legacy',
      channel: { id: 'C1', name: 'papers' }, response_url: bot.fake.responseUrl('forged'), trigger_id: '1.2.t',
      actions: [{ type: 'button', action_id: 'papers_similar:2506.08006', block_id: 'b', value: '2506.08006', action_ts: '1.2' }],
    };
    expect((await postSigned(bot.url, 'not-the-signing-secret', { payload: JSON.stringify(payload) })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.fake.responses.filter((r) => r.id === 'forged')).toEqual([]);
  });

  it('a scheduled digest carries Similar buttons, and clicking one answers privately without touching the digest', async () => {
    const clock = { now: new Date('2025-06-09T12:00:00Z') };
    bot = await startSlackBot({ now: () => clock.now });
    await bot.command('schedule 09:00 UTC', { responseId: 's' });
    await bot.responsesTo('s');
    const slot = new Date('2025-06-10T09:00:00Z');
    clock.now = slot;
    await bot.runtime.runSlot(['slack:T1:C1'], slot);
    const [post] = bot.fake.callsOf('chat.postMessage').map((c) => c.params as unknown as Record<string, unknown>);
    const sections = paperSections(post!);
    expect(sections.length).toBe(5);
    expect(sections.every((s) => s.accessory?.action_id.startsWith('papers_similar:'))).toBe(true);

    const button = sections[0]!.accessory!;
    await bot.click(button.action_id, button.value, 'from-digest');
    const [answer] = await bot.responsesTo('from-digest');
    expect(answer!.response_type).toBe('ephemeral');
    expect(answer!.replace_original).toBe(false);
    expect(bot.fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});

describe('Similar buttons within Block Kit limits', () => {
  it('a long list keeps every message within 50 blocks and the character budget, one button per paper', async () => {
    const { papers } = await loadPaperFiles([fixturePath('hf/daily')]);
    const reply: Reply = {
      kind: 'papers', visibility: 'channel', heading: 'Many', notes: ['a note'], similar: true,
      papers: papers.slice(0, 60).map((paper) => ({ paper, reasons: [{ field: 'abstract', terms: ['video', 'generation'] }] })),
      more: { command: 'search x --page 2', label: 'More' },
    };
    const messages = renderSlackMessages(reply, { buttons: { more: 'search x --page 2', share: 'search x --share' } });
    expect(messages.length).toBeGreaterThan(1);
    const buttons: string[] = [];
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blockCharsPerMessage);
      const ids = message.blocks.flatMap((b) => ((b as Block).accessory ? [(b as Block).accessory!.action_id] : []));
      expect(new Set(ids).size).toBe(ids.length);
      buttons.push(...ids);
    }
    expect(buttons).toHaveLength(papers.slice(0, 60).filter((p) => p.id).length);
  });
});
