import type { AnyPlatformPort } from '../../src/platform/port.js';
import { PLATFORMS } from '../platforms.js';

const ports = PLATFORMS as readonly AnyPlatformPort[];
const services = ports.filter((port) => !port.console).map((port) => port.title);
const consoleTitle = ports.find((port) => port.console)?.title ?? 'the console';
const platformLines = ports.flatMap((port) => (port.cli ?? []).map((command) => command.usage)).join('\n');

export const USAGE = `papers-bot — Hugging Face Daily Papers for ${[...services, consoleTitle].join(', ').replace(/, ([^,]*)$/, ' and $1')}

Usage:
  papers-bot start [--terminal | --service] [--data <file-or-dir...>]
      run the bot; with no ${services.join(' or ')} tokens, ${consoleTitle} (--service refuses to start instead)
  papers-bot search [--limit N] [--json] [--data <…> --] <query…>
      the rest of the line is the query: papers-bot search "world model" -video
  papers-bot search --batch <file | -> [--data <…>] [--limit N] [--json]
      one query per line (blank lines skipped), each answered in order; with --json one line each,
      { "query", "total", "hits" }, or { "query", "error" } for a bad query (the batch goes on)
  papers-bot today [--date YYYY-MM-DD] [--data <…>] [--limit N] [--json]
  papers-bot digest --channel <key> [--at <ISO time>] [--data <…>] [--json]
  papers-bot backfill --since YYYY-MM[-DD] [--until YYYY-MM[-DD]]
      fill the archive with past Daily Papers from Hugging Face; stopped, it goes on where it was
  papers-bot parse <file...> [--json]
      print the normalised papers of API JSON (.json, .json.gz) or page text (.txt)
${platformLines}

--data imports files or folders into the archive first (a bad file in a folder is reported and
skipped); end its list with -- when a query follows.
Query language: words (all must match), "exact phrase", -excluded, OR (or lowercase or), (groups),
prefix*, author:, org:, title:. A shell-quoted argument of plain words is a phrase; one with query
syntax is a query: papers-bot search '(video OR audio) -diffusion'.
Configuration comes from the environment and a .env file; see .env.example.`;
