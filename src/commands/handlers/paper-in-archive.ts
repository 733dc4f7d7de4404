import type { Paper } from '../../papers/paper.js';
import type { CommandDeps } from '../command-context.js';
import { infoReply, type Reply } from '../reply.js';

/** The paper with this arXiv id, from the archive or else Hugging Face, or the reply saying why there is none. */
export async function lookUpPaper(id: string, deps: CommandDeps): Promise<Paper | Reply> {
  const found = await deps.archive.lookupPaper(id);
  const hfPage = `Hugging Face page: https://b-61j.pages.dev/papers/${id}`;
  const arxiv = `arXiv: https://arxiv.org/abs/${id}`;
  switch (found.status) {
    case 'found':
      return found.paper;
    case 'not-on-source':
      return infoReply(`arXiv ${id} is not on Hugging Face.`, [arxiv]);
    case 'unreachable':
      return infoReply(`Paper ${id} is not in the archive, and Hugging Face could not be reached; try again later.`, [hfPage, arxiv]);
    case 'not-in-archive':
      return infoReply(`Paper ${id} is not in the archive.`, [hfPage]);
  }
}
