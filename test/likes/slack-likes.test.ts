import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/** Monday 2025-06-09, a day of the fixture archive. */
const SLOT = new Date('2025-06-09T09:00:00Z');
type Element = { type: string; action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; elements?: Element[] };
type Message = { text: string; blocks: Block[] };

const likeButtons = (message: Message) =>
  message.blocks.flatMap((block) => (block.type === 'actions' ? block.elements ?? [] : [])).filter((e) => e.action_id.startsWith('papers_like:'));

/** Clicks a 👍 as a member (on a channel message, which Slack sends along, or on an ephemeral one) and returns the answer. */
async function click(b: SlackBot, button: Element, message: Message | undefined, user: { id: string; name: string }, responseId: string) {
  expect((await b.click(button.action_id, button.value, responseId, { user: user.id, userName: user.name, message })).status).toBe(200);
  const [answer] = await b.responsesTo(responseId);
  return answer as unknown as Message & { replace_original?: boolean; response_type?: string };
}

const ADA = { id: 'U1', name: 'ada' };
const BOB = { id: 'U2', name: 'bob' };

describe('👍 on Slack, with the real Bolt app against a fake Slack', () => {
  it('a digest paper carries 👍; two members make it 2, one again makes it 1; top week lists it with who likes it; a restart keeps it all', async () => {
    const env = { STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'papers-bot-likes-')), 'bot.sqlite')}` };
    bot = await startSlackBot({ env, now: () => SLOT });
    await bot.command('settings size=3', { responseId: 'settings' });
    await bot.responsesTo('settings');
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    const digest = bot.fake.callsOf('chat.postMessage')[0]!.params as unknown as Message;
    const buttons = likeButtons(digest);
    expect(buttons.map((b) => b.text.text)).toEqual(['👍', '👍', '👍']);
    const [first] = buttons;
    const title = digest.blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('1. '))!.text!.text.match(/\|([^>]+)>/)![1]!;

    const once = await click(bot, first!, digest, ADA, 'like-1');
    expect(once.replace_original).toBe(true);
    expect(likeButtons(once).map((b) => b.text.text)).toEqual(['👍 1', '👍', '👍']);
    expect(once.blocks.filter((b) => b.type === 'section')).toEqual(digest.blocks.filter((b) => b.type === 'section'));
    const twice = await click(bot, first!, once, BOB, 'like-2');
    expect(likeButtons(twice).map((b) => b.text.text)).toEqual(['👍 2', '👍', '👍']);
    const undone = await click(bot, first!, twice, ADA, 'like-3');
    expect(likeButtons(undone).map((b) => b.text.text)).toEqual(['👍 1', '👍', '👍']);

    await bot.command('top week', { responseId: 'top' });
    const top = JSON.stringify((await bot.responsesTo('top'))[0]);
    expect(top).toContain("This channel's most liked papers in the last 7 days");
    expect(top).toContain(title);
    expect(top).toContain('👍 1: bob');
    expect(top).not.toContain('ada');

    await bot.stop();
    bot = await startSlackBot({ env, now: () => SLOT });
    await bot.command('top week', { responseId: 'top-again' });
    const again = JSON.stringify((await bot.responsesTo('top-again'))[0]);
    expect(again).toContain(title);
    expect(again).toContain('👍 1: bob');
    await bot.command(`paper ${first!.value}`, { responseId: 'paper' });
    const paper = (await bot.responsesTo('paper'))[0] as unknown as Message;
    expect(likeButtons(paper).map((b) => b.text.text)).toEqual(['👍 1']);
  });

  it('a 👍 on an answer only the member sees tells them in a note, and counts for the channel', async () => {
    bot = await startSlackBot({ now: () => SLOT });
    await bot.command('search world model', { responseId: 'search' });
    const answer = (await bot.responsesTo('search'))[0] as unknown as Message;
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    const [button] = likeButtons(answer);
    const note = await click(bot, button!, undefined, ADA, 'like');
    expect(note).toMatchObject({ response_type: 'ephemeral', replace_original: false, text: '👍 You like this paper; nobody else here likes it.' });
    await bot.command('top', { responseId: 'top' });
    expect(JSON.stringify((await bot.responsesTo('top'))[0])).toContain('👍 1: ada');
  });

  it('a forged 👍 naming no paper changes nothing and says so', async () => {
    bot = await startSlackBot({ now: () => SLOT });
    const note = await click(bot, { type: 'button', action_id: 'papers_like:x', value: '<!channel> not an id', text: { text: '👍' } } as Element, undefined, ADA, 'forged');
    expect(note.text).toBe('This button names no paper the bot knows; nothing was changed.');
    await bot.command('top all', { responseId: 'top' });
    expect(JSON.stringify((await bot.responsesTo('top'))[0])).toContain('No paper was liked here of all time.');
  });

  it('on a compact digest each 👍 keeps its number, and a click relabels every 👍 from the stored counts, not the copy it came with', async () => {
    bot = await startSlackBot({ now: () => SLOT });
    await bot.command('settings size=3 style=compact', { responseId: 'settings' });
    await bot.responsesTo('settings');
    await bot.runtime.runSlot(['slack:T1:C1'], SLOT);
    const digest = bot.fake.callsOf('chat.postMessage')[0]!.params as unknown as Message;
    const buttons = likeButtons(digest);
    expect(buttons.map((b) => b.text.text)).toEqual(['#1 👍', '#2 👍', '#3 👍']);
    const afterAda = await click(bot, buttons[0]!, digest, ADA, 'ada');
    expect(likeButtons(afterAda).map((b) => b.text.text)).toEqual(['#1 👍 1', '#2 👍', '#3 👍']);
    // Bob clicked #2 on the message as it was before Ada's click reached him: his answer still shows her like.
    const afterBob = await click(bot, buttons[1]!, digest, BOB, 'bob');
    expect(likeButtons(afterBob).map((b) => b.text.text)).toEqual(['#1 👍 1', '#2 👍 1', '#3 👍']);
  });
});
