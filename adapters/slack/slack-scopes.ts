/**
 * Every bot scope the Slack adapter uses, with the feature that needs it. The manifest and the OAuth
 * install both ask for exactly these; test/slack/manifest.test.ts checks them against the Web API
 * calls and events in adapters/slack/.
 */
export const SLACK_SCOPES = [
  { scope: 'commands', why: 'the slash command itself' },
  { scope: 'chat:write', why: 'scheduled digests, posted with chat.postMessage, and the direct message telling the member who set a channel up that its digests stopped (chat.postMessage to their user id; answers to commands go through their response_url and need no scope)' },
  { scope: 'chat:write.public', why: 'a digest in a public channel the bot was never invited to (someone ran the schedule command there)' },
  { scope: 'links:read', why: 'the link_shared event, when someone posts a huggingface.co or arxiv.org link' },
  { scope: 'links:write', why: 'chat.unfurl: the preview of that paper under the link' },
  { scope: 'users:read', why: 'users.info: whether a member is a workspace admin or owner (SLACK_ADMIN_ONLY_SETTINGS)' },
  { scope: 'channels:read', why: "conversations.info: a public channel's creator, who may change its settings (SLACK_ADMIN_ONLY_SETTINGS)" },
  { scope: 'groups:read', why: "conversations.info: a private channel's creator, for the same check" },
  { scope: 'channels:history', why: 'conversations.history and conversations.replies (a threaded digest), only to find a digest already posted in a public channel after a crash or a lost answer, so it is never posted twice; no other message is read' },
  { scope: 'groups:history', why: 'the same search for an earlier digest, in private channels' },
] as const;

/** The events the app subscribes to, with what each does. */
export const SLACK_EVENTS = [
  { event: 'link_shared', why: 'unfurls a Hugging Face or arXiv paper link (needs links:read)' },
  { event: 'app_uninstalled', why: "forgets the workspace's installation (no scope needed)" },
  { event: 'tokens_revoked', why: "forgets the workspace's installation when its bot token is revoked (no scope needed)" },
] as const;

/** The scope names alone, as Slack's OAuth install asks for them. */
export const SLACK_SCOPE_NAMES: string[] = SLACK_SCOPES.map((s) => s.scope);
