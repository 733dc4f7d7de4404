export const USAGE = `papers-bot — Hugging Face Daily Papers for Slack, Discord and the terminal

Usage:
  papers-bot start [--terminal] [--data <file-or-dir...>]   run the bot (terminal adapter without tokens)
  papers-bot parse <file...> [--json]                        print the normalised papers of API JSON (.json, .json.gz) or page text (.txt)
  papers-bot search <query> [--data <…>] [--limit N] [--json]
  papers-bot today [--date YYYY-MM-DD] [--data <…>] [--limit N] [--json]
  papers-bot digest --channel <key> [--at <ISO time>] [--data <…>] [--json]
  papers-bot register-commands [--guild <id>]                 put /papers in place on Discord (guild: instant; else global)

--data imports files into the archive first; without it the archive's papers are used.
Query language: words (all must match), "exact phrase", -excluded, OR, author:, org:, title:.
Configuration comes from the environment; see .env.example.`;
