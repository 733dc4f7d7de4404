import { expect } from 'vitest';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot.js';
import { commandText, memberOf, type Button, type Driver, type DriverFactory, type Member, type Seen, type SendOptions } from './driver.js';
import { slackAsSeen } from './text-as-seen.js';

interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: { type: string; text?: string | { text: string }; action_id?: string; value?: string }[];
  accessory?: { type: string; text: { text: string }; action_id: string; value: string };
}

interface ResponseMessage {
  response_type?: 'in_channel' | 'ephemeral';
  text?: string;
  blocks?: Block[];
}

/** Slack ids from a script's names: `C` and `U` and the name in capitals (`search` → `CSEARCH`). */
const slackId = (prefix: string, name: string) => `${prefix}${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;

function blockText(block: Block): string[] {
  if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)].filter(Boolean);
  if (block.type === 'context') return (block.elements ?? []).map((e) => (typeof e.text === 'string' ? e.text : e.text?.text ?? ''));
  if (block.type === 'header') return [block.text?.text ?? ''];
  return [];
}

function buttonsOf(block: Block, channel: string): Button[] {
  const elements = block.type === 'actions' ? block.elements ?? [] : block.accessory ? [block.accessory] : [];
  return elements
    .filter((e) => e.type === 'button')
    .map((e) => ({ label: typeof e.text === 'string' ? e.text : e.text?.text ?? '', actionId: e.action_id, value: e.value, channel }));
}

function seenOf(messages: ResponseMessage[], channel: string, names: ReadonlyMap<string, string>): Seen {
  const blocks = messages.flatMap((m) => m.blocks ?? []);
  const text = messages.flatMap((m) => (m.blocks ? m.blocks.flatMap(blockText) : [m.text ?? '']));
  return {
    text: slackAsSeen(text.join('\n'), names),
    visibility: messages.some((m) => m.response_type === 'in_channel') ? 'channel' : 'ephemeral',
    buttons: blocks.flatMap((block) => buttonsOf(block, channel)),
    raw: messages,
  };
}

/**
 * The messages posted to one response_url: the first, and all of a split answer once one of its
 * later parts (`heading (2/3)`) says how many there are. Every answer of the scripts is one message.
 */
async function answerAt(bot: SlackBot, responseId: string): Promise<ResponseMessage[]> {
  await bot.responsesTo(responseId, 1);
  const all = () => bot.fake.responses.filter((r) => r.id === responseId).map((r) => r.body as ResponseMessage);
  const parts = Math.max(1, ...all().map((m) => Number(m.text?.match(/\(\d+\/(\d+)\)$/)?.[1] ?? 1)));
  await expect.poll(() => all().length).toBeGreaterThanOrEqual(parts);
  return all();
}

/**
 * Slack over HTTP: signed slash commands and block_actions to the real Bolt app, answers read from
 * the fake's response_url. Settings are for admins only (SLACK_ADMIN_ONLY_SETTINGS), and the fake's
 * users.info says who is one.
 */
export const slackDriver: DriverFactory = {
  name: 'Slack',
  async start(): Promise<Driver> {
    const bot = await startSlackBot({ env: { SLACK_ADMIN_ONLY_SETTINGS: 'true' } });
    const admins = new Map<string, boolean>();
    const names = new Map<string, string>();
    bot.fake.on('users.info', (call) => {
      const id = String(call.params.user);
      return { body: { ok: true, user: { id, name: id.toLowerCase(), is_admin: admins.get(id) ?? false, is_owner: false } } };
    });
    let responses = 0;
    const who = (as: Member | undefined, channel: string | undefined) => {
      const member = memberOf(as);
      const user = slackId('U', member.id);
      admins.set(user, member.canManage);
      names.set(user, member.name);
      return { user, userName: member.name, channel: slackId('C', channel ?? 'papers') };
    };
    return {
      name: 'Slack',
      async send(command, options: SendOptions = {}) {
        const to = who(options.as, options.channel);
        const responseId = `r${++responses}`;
        const ack = await bot.command(commandText(command), { ...to, responseId });
        if (ack.status !== 200) throw new Error(`Slack got ${ack.status} for ${command}: ${ack.text}`);
        return seenOf(await answerAt(bot, responseId), to.channel, names);
      },
      async click(button, options: SendOptions = {}) {
        const to = who(options.as, undefined);
        const responseId = `r${++responses}`;
        const channel = String(button.channel);
        const ack = await bot.click(String(button.actionId), String(button.value), responseId, { ...to, channel });
        if (ack.status !== 200) throw new Error(`Slack got ${ack.status} for a click on ${button.label}`);
        return seenOf(await answerAt(bot, responseId), channel, names);
      },
      cannot: () => undefined,
      stop: () => bot.stop(),
    };
  },
};
