import { setImmediate } from 'node:timers/promises';
import PQueue from 'p-queue';
import { App, HTTPReceiver, type RespondFn } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Command } from '../../src/commands/command.js';
import { similarButtonCommand } from '../../src/commands/parse-command.js';
import type { DeliveryTarget } from '../../src/digest/delivery.js';
import { normalizePaperId } from '../../src/papers/paper.js';
import type { Member, PlatformHost, Route } from '../../src/platform/port.js';
import { boltLogger } from './bolt-logger.js';
import { slackChannel } from './slack-channel.js';
import { slackFrontDoor } from './slack-front-door.js';
import { slackPermissions, type Who } from './slack-permissions.js';
import type { SlackSettings } from './slack-settings.js';
import { createKeyedQueue } from '../../src/storage/keyed-queue.js';
import { keyvInstallationStore } from './installation-store.js';
import { likeAnswer } from './like-click.js';
import { LIKE_ACTION, renderPaperBlocks, renderSlackMessages, SIMILAR_ACTION } from './render-blocks.js';
import { SLACK_SCOPE_NAMES } from './slack-scopes.js';
import { slackTarget } from './slack-target.js';

export const SLACK_BOT_SCOPES = SLACK_SCOPE_NAMES;
const MANAGE_PERMISSION = 'workspace admin or channel creator';

export interface SlackAdapter {
  app: App;
  target: DeliveryTarget;
  /** Over HTTP: Slack's paths on the bot's server, behind the front door (none in Socket Mode). */
  routes: Route[];
  /** Starts the app (Socket Mode connects; over HTTP the bot's server serves `routes`). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Bolt app: `/papers` over HTTP, Socket Mode or OAuth for many workspaces, plus unfurls. */
export function createSlackAdapter(config: SlackSettings, host: PlatformHost): SlackAdapter {
  const { logger } = host;
  const log = boltLogger(logger);
  const clientOptions: WebClientOptions = { slackApiUrl: config.apiUrl, logger: log, retryConfig: config.tuning?.retryConfig };
  const installationStore = keyvInstallationStore(host.store('slack-installations'));
  const http = config.mode !== 'socket';
  const receiver = http
    ? new HTTPReceiver({
        signingSecret: config.signingSecret!,
        endpoints: '/slack/events',
        logger: log,
        unhandledRequestTimeoutMillis: config.tuning?.ackTimeoutMs ?? 3001,
        ...(config.mode === 'oauth'
          ? {
              clientId: config.oauth!.clientId,
              clientSecret: config.oauth!.clientSecret,
              stateSecret: config.oauth!.stateSecret,
              scopes: SLACK_BOT_SCOPES,
              installationStore,
              installerOptions: { directInstall: true, clientOptions },
            }
          : {}),
      })
    : undefined;
  const app = new App({
    // Socket Mode's client opens its connection with installerOptions' client options.
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.appToken, installerOptions: { clientOptions } }),
    ...(config.mode === 'oauth' ? {} : { token: config.botToken }),
    logger: log,
    clientOptions,
  });

  const clients = new Map<string, WebClient>();
  const clientWith = (options: WebClientOptions, kind: string) => async (workspace: string) => {
    const token = config.mode === 'oauth' ? await installationStore.botTokenFor(workspace) : config.botToken;
    if (!token) return undefined;
    let client = clients.get(`${kind}:${token}`);
    if (!client) {
      client = new WebClient(token, options);
      clients.set(`${kind}:${token}`, client);
    }
    return client;
  };
  // Digests retry by themselves (one policy, within the run's deadline), after asking Slack whether a
  // failed post arrived after all: the client's own retries would post again a message whose answer
  // was merely lost, and would sleep on a 429 past any deadline. A hung call ends at the timeout.
  const digestClientFor = clientWith({ ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 30_000 }, 'digests');

  // Permission lookups answer within 3 s or fail: no retries, a 429 is not waited out.
  const permissionClientFor = clientWith({ ...clientOptions, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 3_000 }, 'permissions');
  const mayChange = slackPermissions(permissionClientFor);

  /** Runs the command and renders its reply: the CPU-bound part of answering. */
  async function prepare(input: string | Command, who: Who) {
    const member: Member = {
      channel: slackChannel(who.team, who.channel),
      user: who.user,
      canManage: config.adminOnlySettings ? () => mayChange(who) : true,
      managePermission: MANAGE_PERMISSION,
    };
    const reply = await host.run(input, member);
    const messages = renderSlackMessages(reply, { buttons: { more: reply.more?.command, share: reply.share?.command } });
    return { reply, messages };
  }

  async function send({ reply, messages }: Awaited<ReturnType<typeof prepare>>, respond: RespondFn, replaceOriginal: boolean) {
    for (const [i, message] of messages.entries()) {
      await respond({
        response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
        replace_original: replaceOriginal && i === 0,
        text: message.text,
        blocks: message.blocks,
      });
    }
  }

  // Ack at once, then answer through response_url: the 3-second deadline is met whatever the work.
  // Commands of one channel run in order, one at a time, each on a later turn of the event loop, so
  // a burst never holds up the acks of the requests behind it; channels never wait on each other.
  const inTurn = createKeyedQueue();
  // At most one command starts its (CPU-bound) work per millisecond, whatever the channel: a burst is
  // spread over turns of the event loop with acks answered in between; waits (store, Slack) overlap.
  const starts = new PQueue({ intervalCap: 1, interval: 1 });
  const pending = new Set<Promise<void>>();
  const later = (input: string | Command, who: Who, respond: RespondFn, replaceOriginal = false) => {
    const done = inTurn(`${who.team}|${who.channel}`, async () => {
      await starts.add(() => setImmediate());
      return prepare(input, who);
    })
      .then((prepared) => prepared && send(prepared, respond, replaceOriginal))
      .catch((error: unknown) => logger.error({ error: String(error) }, 'Slack command failed after its ack'))
      .finally(() => pending.delete(done));
    pending.add(done);
  };

  app.command(host.commandName, async ({ command, ack, respond }) => {
    await ack();
    const team = command.is_enterprise_install === 'true' && command.enterprise_id ? command.enterprise_id : command.team_id;
    later(command.text, { team, channel: command.channel_id, user: { id: command.user_id, name: command.user_name } }, respond);
  });

  // More replaces the page it is on; Share posts; Similar answers the member who clicked, as its own
  // ephemeral message (a click on a digest must not replace the channel's post). A Similar button's
  // value is only the paper's id, so it can run nothing but `similar`.
  const buttons: [string | RegExp, boolean, (value: string) => string | Command][] = [
    ['papers_more', true, (value) => value],
    ['papers_share', false, (value) => value],
    [new RegExp(`^${SIMILAR_ACTION}:`), false, similarButtonCommand],
  ];
  for (const [actionId, replace, command] of buttons) {
    app.action(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
      const team = body.is_enterprise_install && body.enterprise?.id ? body.enterprise.id : body.team?.id ?? '';
      const who = { team, channel: body.channel?.id ?? '', user: { id: body.user.id, name: body.user.name ?? body.user.username ?? body.user.id } };
      later(command(action.value), who, respond, replace);
    });
  }

  // 👍 toggles the member's like; in the channel's turn, so the relabelled buttons go out in the order the likes were counted.
  // A toggle run twice undoes itself: a click redelivered (Socket Mode after a lost ack) runs once,
  // as the front door already sees to over HTTP.
  app.action(new RegExp(`^${LIKE_ACTION}:`), async ({ ack, body, action, respond }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !action.value) return;
    if (body.trigger_id && !(await host.firstTime(`slack-like:${body.trigger_id}`))) return;
    const team = body.is_enterprise_install && body.enterprise?.id ? body.enterprise.id : body.team?.id ?? '';
    const channel = body.channel?.id ?? '';
    const user = { id: body.user.id, name: body.user.name ?? body.user.username ?? body.user.id };
    const done = inTurn(`${team}|${channel}`, async () => {
      const member: Member = { channel: slackChannel(team, channel), user, canManage: false, managePermission: MANAGE_PERMISSION };
      const answer = likeAnswer(await host.like(member, action.value!), body.message);
      if ('replace' in answer) await respond({ replace_original: true, ...answer.replace });
      else await respond({ response_type: 'ephemeral', replace_original: false, text: answer.note });
    })
      .catch((error: unknown) => logger.error({ error: String(error) }, 'Slack like failed after its ack'))
      .finally(() => pending.delete(done));
    pending.add(done);
  });

  app.event('link_shared', async ({ event, client }) => {
    const unfurls: Record<string, { blocks: ReturnType<typeof renderPaperBlocks> }> = {};
    // Events are acknowledged before this runs, so a paper missing from the archive can be fetched.
    const found = await Promise.all(event.links.map(async ({ url }) => {
      const id = normalizePaperId(url);
      return { url, paper: id ? await host.lookupPaper(id) : undefined };
    }));
    for (const { url, paper } of found) if (paper) unfurls[url] = { blocks: renderPaperBlocks({ paper, reasons: [] }) };
    if (Object.keys(unfurls).length === 0) return;
    await client.chat.unfurl({ channel: event.channel, ts: event.message_ts, unfurls });
  });

  const forget = async (teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean) => {
    await installationStore.deleteInstallation?.({ teamId: teamId as string, enterpriseId, isEnterpriseInstall });
    logger.info({ teamId, enterpriseId }, 'Slack app uninstalled or its token revoked; installation removed');
  };
  app.event('app_uninstalled', async ({ body }) => {
    await forget(body.team_id, body.enterprise_id, Boolean(body.is_enterprise_install));
  });
  app.event('tokens_revoked', async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await forget(body.team_id, body.enterprise_id, Boolean(body.is_enterprise_install));
  });

  app.error(async (error) => {
    const code = (error as { code?: string }).code;
    // Rethrown so the receiver answers 401 to a workspace with no installation.
    if (code === 'slack_bolt_authorization_error') throw error;
    logger.error({ error: error.message, code }, 'Slack handler failed');
  });

  return {
    app,
    // Paced around the whole delivery by the platform (slack-pacing.ts), not inside it.
    target: slackTarget({ clientFor: digestClientFor, logger, pace: async () => undefined }),
    routes: receiver ? [{ path: '/slack/*', method: 'ANY', handler: slackFrontDoor({ receiver, signingSecret: config.signingSecret!, firstTime: host.firstTime, logger }) }] : [],
    async start() {
      if (!http) await app.start();
    },
    async stop() {
      await Promise.all(pending);
      if (!http) await app.stop();
    },
  };
}
