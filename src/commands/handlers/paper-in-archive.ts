import type { Paper } from '../../papers/paper.js';
import type { CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';

/** The paper with this arXiv id, or the reply saying the archive lacks it. */
export function paperInArchive(id: string, deps: CommandDeps): Paper | Reply {
  return deps.archive.findPaper(id) ?? infoReply(`Paper ${id} is not in the archive.`, [`Hugging Face page: https://b-61j.pages.dev/papers/${id}`]);
}
