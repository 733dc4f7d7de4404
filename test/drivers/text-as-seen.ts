/**
 * Platform markup as a member reads it: bold, italics and code lose their marks, links show their
 * labels, escapes and entities their characters, mentions the name the client shows (`names`, by id).
 */

type Names = ReadonlyMap<string, string>;
const mention = (names: Names) => (_: string, id: string) => `@${names.get(id) ?? id}`;

/** Slack mrkdwn: `*bold*`, `_italic_`, `` `code` ``, `<url|label>`, `<@U1>`, `&amp;` `&lt;` `&gt;`. */
export function slackAsSeen(mrkdwn: string, names: Names = new Map()): string {
  return mrkdwn
    .replace(/<@([A-Z0-9]+)>/g, mention(names))
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, '$2')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/gm, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/gm, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Discord markdown: `**bold**`, `` `code` ``, `[label](url)`, `<@123>`, backslash escapes. */
export function discordAsSeen(markdown: string, names: Names = new Map()): string {
  return markdown
    .replace(/<@!?(\d+)>/g, mention(names))
    .replace(/\[([^\]]*)\]\((https?:[^)]+)\)/g, '$1')
    .replace(/(?<!\\)\*\*(.+?)(?<!\\)\*\*/g, '$1')
    .replace(/(?<!\\)`([^`\n]+)`/g, '$1')
    .replace(/\\([\\*_~`|>[\]])/g, '$1');
}
