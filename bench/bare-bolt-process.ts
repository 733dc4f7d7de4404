/** The baseline for the ack benchmark: a bare Bolt app over HTTP that acks `/papers` at once and does nothing else. */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET!, logLevel: LogLevel.ERROR });
const app = new App({ receiver, token: process.env.SLACK_BOT_TOKEN, tokenVerificationEnabled: false, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.command('/papers', async ({ ack }) => {
  await ack();
});
const server = (await app.start(0)) as Server;
process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
