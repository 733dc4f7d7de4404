import { afterEach, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS } from '../../adapters/discord/discord-limits.js';
import { renderDiscordMessages } from '../../adapters/discord/render-embeds.js';
import type { Reply } from '../../src/commands/reply.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { APP_ID, buttonInteraction, commandInteraction, GUILD_ID } from '../fakes/fake-discord.js';
import { fixturePath } from '../helpers/fixtures.js';
import { postInteraction, editsOf, startDiscordBot, type DiscordBot } from '../helpers/discord-bot.js';

let bot: DiscordBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const STRING = 3;
const CHANNEL = '400000000000000004';
type Button = { type: number; label: string; custom_id: string };
type Message = { content?: string; embeds: { title: string; description: string }[]; components?: { type: number; components: Button[] }[]; flags?: number };

const edits = (b: DiscordBot, token: string) => editsOf<Message>(b, token);

const buttonsOf = (message: Message) => (message.components ?? []).flatMap((row) => row.components);
const similarButtons = (message: Message) => buttonsOf(message).filter((b) => b.custom_id.startsWith('papers:similar:'));

function expectSimilarAnswer(message: Message, id: string) {
  expect(message.content).toMatch(new RegExp(`^\\*\\*Papers most like arXiv ${id.replace('.', '\\.')}, "`));
  expect(message.embeds.length).toBeGreaterThan(0);
  for (const embed of message.embeds) expect(embed.description).toMatch(/Matched (title|keywords|abstract): /);
  expect(similarButtons(message).map((b) => b.custom_id)).not.toContain(`papers:similar:${id}`);
}

describe('Similar buttons in Discord', () => {
  it('over the gateway: a search answer has a Similar button per paper, and a click answers the member privately', async () => {
    bot = await startDiscordBot();
    const search = commandInteraction('search', [{ name: 'query', type: STRING, value: 'video' }]);
    bot.fake.dispatchInteraction(search);
    const [reply] = await edits(bot, search.token);
    const buttons = similarButtons(reply!);
    expect(buttons.map((b) => b.label)).toEqual(['Similar to 1', 'Similar to 2', 'Similar to 3', 'Similar to 4', 'Similar to 5']);
    const ids = reply!.embeds.map((e) => e.title);
    expect(ids).toHaveLength(5);
    // A row of five 👍, a row of five Similar buttons, then More.
    expect(reply!.components!.map((row) => row.components.length)).toEqual([5, 5, 1]);
    expect(buttonsOf(reply!).at(-1)!.custom_id).toBe('papers:more:search video --page 2');

    const id = buttons[0]!.custom_id.slice('papers:similar:'.length);
    const click = buttonInteraction(buttons[0]!.custom_id);
    bot.fake.dispatchInteraction(click);
    const [answer] = await edits(bot, click.token);
    // A new ephemeral message (5 + flags 64), not an update of the search it was clicked on (6).
    expect(bot.fake.requestsTo('POST', new RegExp(`/interactions/${click.id}/`))[0]!.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expectSimilarAnswer(answer!, id);
  });

  it('over HTTP: a signed click is deferred privately and answered; a bad signature is refused', async () => {
    bot = await startDiscordBot({ gateway: false, http: true });
    const url = bot.url!;
    const search = commandInteraction('search', [{ name: 'query', type: STRING, value: 'video' }]);
    await postInteraction(url, bot.privateKey, search);
    const [reply] = await edits(bot, search.token);
    const customId = similarButtons(reply!)[1]!.custom_id;

    const forged = buttonInteraction(customId);
    expect((await postInteraction(url, bot.privateKey, forged, { badSignature: true })).status).toBe(401);

    const click = buttonInteraction(customId);
    expect(await postInteraction(url, bot.privateKey, click)).toEqual({ status: 200, body: { type: 5, data: { flags: 64 } } });
    const [answer] = await edits(bot, click.token);
    expectSimilarAnswer(answer!, customId.slice('papers:similar:'.length));
    expect(bot.fake.requestsTo('PATCH', new RegExp(`/webhooks/${APP_ID}/${forged.token}/`))).toEqual([]);
  });

  it('a scheduled digest carries Similar buttons labelled with the paper numbers', async () => {
    const clock = { now: new Date('2025-06-09T12:00:00Z') };
    bot = await startDiscordBot({ now: () => clock.now });
    const schedule = commandInteraction('schedule', [{ name: 'time', type: STRING, value: '09:00' }, { name: 'timezone', type: STRING, value: 'UTC' }]);
    bot.fake.dispatchInteraction(schedule);
    await edits(bot, schedule.token);
    const slot = new Date('2025-06-10T09:00:00Z');
    clock.now = slot;
    await bot.runtime.runSlot([`discord:${GUILD_ID}:${CHANNEL}`], slot);
    const [post] = bot.fake.requestsTo('POST', new RegExp(`^/channels/${CHANNEL}/messages$`)).map((r) => r.body as Message);
    expect(post!.embeds).toHaveLength(5);
    expect(similarButtons(post!).map((b) => b.label)).toEqual(['Similar to 1', 'Similar to 2', 'Similar to 3', 'Similar to 4', 'Similar to 5']);
  });
});

describe('Similar buttons within Discord limits', () => {
  it('a long list keeps every message within 5 rows of 5 buttons, ids unique and short', async () => {
    const { papers } = await loadPaperFiles([fixturePath('hf/daily')]);
    const reply: Reply = {
      kind: 'papers', visibility: 'channel', heading: 'Many', notes: [], similar: true,
      papers: papers.slice(0, 40).map((paper) => ({ paper, reasons: [] })),
    };
    const messages = renderDiscordMessages(reply, { moreId: `papers:more:${'x'.repeat(200)}` });
    expect(messages.length).toBeGreaterThan(3);
    let total = 0;
    messages.forEach((message, i) => {
      const rows = message.components as { components: Button[] }[] | undefined ?? [];
      expect(rows.length).toBeLessThanOrEqual(DISCORD_LIMITS.actionRows);
      for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonsPerRow);
      const ids = rows.flatMap((row) => row.components.map((b) => b.custom_id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      // The More button is on the last message only.
      expect(ids.some((id) => id.startsWith('papers:more:'))).toBe(i === messages.length - 1);
      total += ids.filter((id) => id.startsWith('papers:similar:')).length;
    });
    expect(total).toBe(papers.slice(0, 40).filter((p) => p.id).length);
  });
});
