import { normalizePaperId, type Paper } from '../../papers/paper.js';
import type { CommandDeps } from '../command-context.js';
import { errorReply, infoReply, type Reply } from '../reply.js';

/** The paper an argument names (an arXiv id or link), or the reply saying why there is none. */
export function paperInArchive(args: string, subcommand: string, deps: CommandDeps): Paper | Reply {
  const id = normalizePaperId(args);
  if (!id) {
    return errorReply(`Give an arXiv id or link: e.g. \`${deps.commandName} ${subcommand} 2406.12345\` or a Hugging Face papers URL.`);
  }
  return deps.archive.findPaper(id) ?? infoReply(`Paper ${id} is not in the archive.`, [`Hugging Face page: https://b-61j.pages.dev/papers/${id}`]);
}
