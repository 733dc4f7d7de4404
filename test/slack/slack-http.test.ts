import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { postSigned, slackSignature } from '../fakes/fake-slack.js';
import { SIGNING_SECRET, startSlackBot, type SlackBot } from '../helpers/slack-bot.js';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; value?: string; text?: unknown }[] };
const blocksOf = (message: Record<string, unknown>) => message.blocks as Block[];
const sectionTexts = (message: Record<string, unknown>) => blocksOf(message).filter((b) => b.type === 'section').map((b) => b.text!.text);

describe('/papers in Slack over HTTP, with the real Bolt app against a fake Slack', () => {
  it('acks a search in time and answers with ranked Block Kit at the response_url; More gives the next page', async () => {
    bot = await startSlackBot();
    const ack = await bot.command('search video', { responseId: 'search' });
    expect(ack.status).toBe(200);
    const [answer] = await bot.responsesTo('search');
    expect(answer!.response_type).toBe('ephemeral');
    const texts = sectionTexts(answer!);
    expect(texts[0]).toMatch(/^\*\d+ papers match `video` \(1–5\)\*$/);
    expect(texts.filter((t) => /^\d\. \*<https:\/\/[^|]+\/papers\/\d{4}\.\d{5}\|.+>\*  ▲ \d+/.test(t))).toHaveLength(5);
    expect(texts[1]).toMatch(/Matched (title|keywords|abstract): video/);
    const actions = blocksOf(answer!).filter((b) => b.type === 'actions').at(-1)!;
    // Each paper has its 👍; More and Share close the answer.
    expect(blocksOf(answer!).filter((b) => b.type === 'actions')).toHaveLength(6);
    const more = actions.elements!.find((e) => e.action_id === 'papers_more')!;
    expect(more.value).toBe('search video --page 2');
    expect(actions.elements!.find((e) => e.action_id === 'papers_share')!.value).toBe('search video --share');

    expect((await bot.click('papers_more', more.value!, 'page2')).status).toBe(200);
    const [next] = await bot.responsesTo('page2');
    expect(next!.replace_original).toBe(true);
    expect(sectionTexts(next!)[0]).toMatch(/\(6–10\)/);
    // Numbering goes on from the first page.
    expect(sectionTexts(next!).map((t) => /^(\d+)\. \*</.exec(t)?.[1]).filter(Boolean)).toEqual(['6', '7', '8', '9', '10']);
  });

  it('Share posts the search to the channel', async () => {
    bot = await startSlackBot();
    await bot.click('papers_share', 'search video --share', 'shared');
    const [shared] = await bot.responsesTo('shared');
    expect(shared!.response_type).toBe('in_channel');
  });

  it('shows subscriptions to the channel with the member mentioned', async () => {
    bot = await startSlackBot();
    await bot.command('subscribe "video generation"', { responseId: 'sub' });
    const [reply] = await bot.responsesTo('sub');
    expect(reply!.response_type).toBe('in_channel');
    expect(sectionTexts(reply!)[0]).toBe('<@U1> *subscribed this channel to `"video generation"`*');
  });

  it('unfurls a Hugging Face or arXiv paper link with its title, votes, authors and summary', async () => {
    bot = await startSlackBot();
    const body = JSON.stringify({
      token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev2', event_time: 1,
      event: {
        type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '123.456', unfurl_id: 'u', source: 'conversations_history',
        links: [{ domain: 'arxiv.org', url: 'https://arxiv.org/abs/2506.06751v1' }, { domain: 'example.com', url: 'https://example.com/x' }],
      },
    });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(bot.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body) }, body });
    expect(res.status).toBe(200);
    await expect.poll(() => bot!.fake.callsOf('chat.unfurl').length).toBe(1);
    const call = bot.fake.callsOf('chat.unfurl')[0]!.params as { channel: string; ts: string; unfurls: Record<string, { blocks: Block[] }> };
    expect(call.channel).toBe('C1');
    expect(call.ts).toBe('123.456');
    expect(Object.keys(call.unfurls)).toEqual(['https://arxiv.org/abs/2506.06751v1']);
    const text = call.unfurls['https://arxiv.org/abs/2506.06751v1']!.blocks[0]!.text!.text;
    expect(text).toContain('Geopolitical biases in LLMs');
    expect(text).toContain('▲ 19');
    expect(text).toContain('Mikhail Salnikov');
  });

  it('with SLACK_ADMIN_ONLY_SETTINGS, lets only admins and the channel creator change the channel', async () => {
    bot = await startSlackBot({ env: { SLACK_ADMIN_ONLY_SETTINGS: 'true' } });
    bot.fake.on('users.info', (call) => ({ body: { ok: true, user: { id: call.params.user, is_admin: call.params.user === 'UADMIN', is_owner: false } } }));
    bot.fake.on('conversations.info', () => ({ body: { ok: true, channel: { id: 'C1', creator: 'UCREATOR' } } }));
    await bot.command('subscribe llm', { user: 'UMEMBER', responseId: 'member' });
    expect(sectionTexts((await bot.responsesTo('member'))[0]!)[0]).toBe(":warning: Changing this channel's topics needs the workspace admin or channel creator permission, which you do not have here.");
    await bot.command('today 1', { user: 'UMEMBER', responseId: 'read' });
    expect(JSON.stringify((await bot.responsesTo('read'))[0])).toContain('Top 1 of 13');
    await bot.command('subscribe llm', { user: 'UCREATOR', responseId: 'creator' });
    await bot.command('schedule 10:00', { user: 'UADMIN', responseId: 'admin' });
    expect(JSON.stringify((await bot.responsesTo('creator'))[0])).toContain('subscribed this channel');
    expect(JSON.stringify((await bot.responsesTo('admin'))[0])).toContain('set this channel');
  });

  it('asks Slack about permissions only for changes, never holds up other channels, and says so when Slack cannot answer', async () => {
    bot = await startSlackBot({ env: { SLACK_ADMIN_ONLY_SETTINGS: 'true' } });
    // Slack rate-limits the lookup of one member (Retry-After: 10) and hangs on another channel's creator.
    bot.fake.on('users.info', (call) =>
      call.params.user === 'ULIMITED' ? { status: 429, headers: { 'retry-after': '10' }, body: { ok: false, error: 'ratelimited' } } : { body: { ok: true, user: { id: call.params.user, is_admin: true } } },
    );
    bot.fake.delay('conversations.info', 10_000);
    await bot.command('help', { user: 'ULIMITED', responseId: 'read-only' });
    await bot.responsesTo('read-only');
    expect(bot.fake.calls.filter((c) => c.method === 'users.info')).toHaveLength(0);

    // Rate-limited: answered at once that the check could not be made, not after Slack's 10 seconds.
    await bot.command('subscribe llm', { user: 'ULIMITED', channel: 'C1', responseId: 'limited' });
    const [limited] = await bot.responsesTo('limited');
    const couldNot = ':warning: The bot could not check whether you have the workspace admin or channel creator permission right now, so nothing was changed. Try again in a minute.';
    expect(sectionTexts(limited!)[0]).toBe(couldNot);

    // Hanging (conversations.info answers after 10 s): the lookup gives up at 3 s, and meanwhile another channel is answered.
    await bot.command('subscribe llm', { user: 'UHUNG', channel: 'C1', responseId: 'hung' });
    await bot.command('today 1', { user: 'U2', channel: 'C2', responseId: 'other-channel' });
    await bot.responsesTo('other-channel');
    expect(bot.fake.responses.some((r) => r.id === 'hung')).toBe(false);
    const [hung] = await bot.responsesTo('hung');
    expect(sectionTexts(hung!)[0]).toBe(couldNot);
    expect((await bot.runtime.channels.get('slack:T1:C1')).topics).toEqual([]);
  });

  it('refuses a forged signature and a six-minute-old timestamp with 401', async () => {
    bot = await startSlackBot();
    const form = { command: '/papers', text: 'help', team_id: 'T1', channel_id: 'C1', user_id: 'U1', user_name: 'x', response_url: bot.fake.responseUrl('x') };
    expect((await postSigned(bot.url, SIGNING_SECRET, form, { signature: slackSignature('wrong-secret', Math.floor(Date.now() / 1000), 'x') })).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(bot.url, SIGNING_SECRET, form, { timestamp: old })).status).toBe(401);
    expect(bot.fake.responses).toHaveLength(0);
  });

  it('escapes untrusted text so <!channel>, @here and <@user> never ping', async () => {
    const hostile: Paper = {
      id: '2506.77777',
      title: 'Attention <!channel> and @here: <@U999> <https://evil.example|click> & more',
      abstract: 'We ping <!everyone>.',
      authors: ['<!here> Mallory'],
      authorCount: 1,
      organization: '<@W1>',
      upvotes: 1,
      comments: 0,
      githubRepo: 'javascript:alert(1)',
      githubStars: null,
      projectPage: null,
      thumbnail: null,
      aiSummary: 'Summary with <!subteam^S1> inside.',
      aiKeywords: [],
      arxivDate: '2025-06-09',
      dailyDate: '2025-06-10',
      links: { hf: 'https://b-61j.pages.dev/papers/2506.77777', arxiv: 'https://arxiv.org/abs/2506.77777', pdf: 'https://arxiv.org/pdf/2506.77777' },
    };
    bot = await startSlackBot({ extraPapers: [hostile] });
    await bot.command('paper 2506.77777', { responseId: 'p' });
    const [reply] = await bot.responsesTo('p');
    const all = JSON.stringify(reply);
    for (const raw of ['<!channel>', '<!here>', '<!everyone>', '<@U999>', '<@W1>', '<!subteam', '<https://evil', 'javascript:']) expect(all).not.toContain(raw);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('@here');
    expect(reply!.link_names).toBeUndefined();
    expect(reply!.parse).toBeUndefined();
  });
});
