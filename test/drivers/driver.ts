/** A member of a channel as a script names them; each driver maps them to its platform's ids. */
export interface Member {
  /** A short handle (default: the name, or `ada`). */
  id?: string;
  name?: string;
  /** Whether the platform grants them the right to change the channel (default true). */
  canManage?: boolean;
}

/** A button as the member sees it, with what the driver needs to press it again. */
export interface Button {
  label: string;
  [payload: string]: unknown;
}

/** What a member sees after a command or a click. */
export interface Seen {
  /** The answer's text as read on screen: markup resolved (bold, links, escapes), one block per line. */
  text: string;
  /** `channel` when anything of the answer was shown to the whole channel. */
  visibility: 'ephemeral' | 'channel';
  buttons: Button[];
  /** The platform's own messages, for a look when an assertion fails. */
  raw: unknown[];
}

export interface SendOptions {
  as?: Member;
  /** A channel name; each script uses its own so that scripts never see each other's settings. */
  channel?: string;
}

/** Things some platform does not let a member do at all. */
export type Attempt = 'refused-member' | 'unknown-subcommand' | 'empty-search' | 'share-button' | 'similar-button';

/** Talks to a running bot as a member of one of its platforms does. */
export interface Driver {
  readonly name: string;
  /** Types `/papers …` and returns what the member sees once the bot has answered. */
  send(command: string, options?: SendOptions): Promise<Seen>;
  /** Presses a button of an earlier answer. */
  click(button: Button, options?: SendOptions): Promise<Seen>;
  /** Why a member cannot even try this on the platform; undefined when they can. */
  cannot(attempt: Attempt): string | undefined;
  stop(): Promise<void>;
}

export interface DriverFactory {
  name: string;
  start(): Promise<Driver>;
}

/** The member a script means when it names none. */
export function memberOf(as: Member | undefined): Required<Member> {
  const name = as?.name ?? 'ada';
  return { id: as?.id ?? name, name, canManage: as?.canManage ?? true };
}

/** `/papers search video` as the text after the command name. */
export function commandText(command: string): string {
  return command.replace(/^\/papers\b\s*/, '');
}

/** The button labelled `label` (More, Share, Similar…), or a failure listing those there are. */
export function buttonLabelled(seen: Seen, label: RegExp | string): Button {
  const found = seen.buttons.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!found) throw new Error(`no button ${String(label)} among ${JSON.stringify(seen.buttons.map((b) => b.label))}`);
  return found;
}
