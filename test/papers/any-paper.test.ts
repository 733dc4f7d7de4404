import { mkdtempSync, rmSync } from 'node:fs';
import { ChannelLikes } from '../../src/likes/channel-likes.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/terminal/render-text.js';
import { loadConfig } from '../../config/config.js';
import { ChannelStore } from '../../src/channels/channel-store.js';
import { runCommand } from '../../src/commands/run-command.js';
import { createCore, storeName, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/log.js';
import { loadArchiveSnapshot } from '../../src/papers/archive-snapshot.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';
import { FIXTURE_PAPER_ID, paperAnswers, paperRequests, startFakeHf } from '../helpers/fake-hf.js';
import { fixturePath, readFixtureJson } from '../helpers/fixtures.js';

const fixturePaper = readFixtureJson(`hf/paper-${FIXTURE_PAPER_ID}.json`) as Record<string, unknown>;
/** The same paper as Hugging Face shows one that was never on Daily Papers. */
const { submittedOnDailyAt: _day, ...neverDaily } = fixturePaper;

let dir: string;
let hf: Awaited<ReturnType<typeof startFakeHf>> | undefined;
const cores: Core[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'any-paper-'));
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
  await hf?.close();
  hf = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A core on a SQLite store in `dir`, reading Hugging Face at `hfUrl`, with five fixture days imported the first time. */
async function startCore(hfUrl: string, env: Record<string, string> = {}) {
  const config = loadConfig({ STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`, INDEX_FILE: join(dir, 'index.bin'), HF_API_URL: hfUrl, HF_RETRIES: '1', ...env });
  const core = await createCore(config, silentLogger);
  cores.push(core);
  if (!core.archive.hasPapers) await core.archive.importPapers((await loadPaperFiles([fixturePath('hf/daily')])).papers);
  const deps = { archive: core.archive, channels: new ChannelStore(core.store, silentLogger), likes: new ChannelLikes(core.store), commandName: '/papers', logger: silentLogger };
  const ctx = { channel: 'terminal:test', user: { id: 'U1', name: 'ada' }, canManage: true, managePermission: 'Manage Channels', now: new Date('2025-06-11T12:00:00Z') };
  const send = async (text: string) => {
    const reply = await runCommand(text, ctx, deps);
    return { reply, text: renderText(reply, '/papers') };
  };
  return { core, send };
}

const searchTitles = (core: Core, query: string) => searchPapers(core.archive.index, parseQuery(query), { limit: 3 }).hits.map((hit) => hit.title);

describe('`paper` for a paper missing from the archive, against a fake Hugging Face', () => {
  for (const indexFile of ['kept', 'off']) {
    it(`found: answers with the paper, keeps it, asks once, and still has it after a restart (stored index ${indexFile})`, async () => {
      hf = await startFakeHf(paperAnswers({ [FIXTURE_PAPER_ID]: fixturePaper }));
      const env: Record<string, string> = indexFile === 'off' ? { INDEX_FILE: 'off' } : {};
      const { core, send } = await startCore(hf.baseUrl, env);
      expect(core.archive.findPaper(FIXTURE_PAPER_ID)).toBeUndefined();

      const { reply, text } = await send(`paper https://b-61j.pages.dev/papers/${FIXTURE_PAPER_ID}`);
      expect(reply.heading).toBe(`arXiv ${FIXTURE_PAPER_ID}, Daily Papers 2025-12-30`);
      expect(text).toContain('Web World Models');
      expect(text).toContain('Jichen Feng');
      expect(text).toContain(`https://b-61j.pages.dev/papers/${FIXTURE_PAPER_ID}`);
      expect(paperRequests(hf.requests, FIXTURE_PAPER_ID)).toBe(1);

      expect((await send(`paper ${FIXTURE_PAPER_ID}`)).reply.heading).toBe(reply.heading);
      expect(paperRequests(hf.requests, FIXTURE_PAPER_ID)).toBe(1);
      expect(searchTitles(core, 'web world models')[0]).toBe('Web World Models');
      // The day it names is not one the archive fetched: no day holds a single paper.
      expect(core.archive.papersOn('2025-12-30')).toEqual([]);

      await cores.pop()!.close();
      if (indexFile === 'kept') {
        // The stored index holds the kept paper too, so a start opens it rather than rebuilding.
        const stored = loadArchiveSnapshot(join(dir, 'index.bin'), storeName(core.config.storeUrl, core.config.storePrefix));
        expect(stored?.index.get(FIXTURE_PAPER_ID)?.title).toBe('Web World Models');
      }
      const restarted = await startCore(hf.baseUrl, env);
      expect(restarted.core.archive.findPaper(FIXTURE_PAPER_ID)?.title).toBe('Web World Models');
      expect(searchTitles(restarted.core, 'web world models')[0]).toBe('Web World Models');
      expect((await restarted.send(`paper ${FIXTURE_PAPER_ID}`)).text).toContain('Web World Models');
      expect(restarted.core.archive.dates()).not.toContain('2025-12-30');
      expect(paperRequests(hf.requests, FIXTURE_PAPER_ID)).toBe(1);
    });
  }

  it('a paper that was never a Daily Paper says so in its heading', async () => {
    hf = await startFakeHf(paperAnswers({ [FIXTURE_PAPER_ID]: neverDaily }));
    const { send } = await startCore(hf.baseUrl);
    expect((await send(`paper arXiv:${FIXTURE_PAPER_ID}v2`)).reply.heading).toBe(`arXiv ${FIXTURE_PAPER_ID}, not a Daily Paper`);
  });

  it('members asking for the same paper at once share one request', async () => {
    hf = await startFakeHf((url, request, response) => {
      void wait(200).then(() => paperAnswers({ [FIXTURE_PAPER_ID]: fixturePaper })(url, request, response));
    });
    const { core, send } = await startCore(hf.baseUrl);
    const answers = await Promise.all([send(`paper ${FIXTURE_PAPER_ID}`), send(`similar ${FIXTURE_PAPER_ID}`), core.archive.lookupPaper(FIXTURE_PAPER_ID)]);
    expect(answers[0].text).toContain('Web World Models');
    expect(answers[1].reply.heading).toContain('"Web World Models"');
    expect(answers[2].status).toBe('found');
    expect(paperRequests(hf.requests, FIXTURE_PAPER_ID)).toBe(1);
  });

  it('404: says the paper is not on Hugging Face, with its arXiv link, and keeps nothing', async () => {
    hf = await startFakeHf(paperAnswers({}));
    const { core, send } = await startCore(hf.baseUrl);
    const { reply, text } = await send('paper 2501.00001');
    expect(reply.heading).toBe('arXiv 2501.00001 is not on Hugging Face.');
    expect(text).toContain('https://arxiv.org/abs/2501.00001');
    // Not retried: a 404 is an answer.
    expect(paperRequests(hf.requests, '2501.00001')).toBe(1);
    expect((await send('similar 2501.00001')).reply.heading).toBe('arXiv 2501.00001 is not on Hugging Face.');
    expect(core.archive.findPaper('2501.00001')).toBeUndefined();

    await cores.pop()!.close();
    const restarted = await startCore(hf.baseUrl);
    expect(restarted.core.archive.findPaper('2501.00001')).toBeUndefined();
  });

  it('unreachable: says the archive lacks it and Hugging Face could not be reached, with the links', async () => {
    const { core, send } = await startCore('http://127.0.0.1:1');
    const { reply, text } = await send(`paper ${FIXTURE_PAPER_ID}`);
    expect(reply.heading).toBe(`Paper ${FIXTURE_PAPER_ID} is not in the archive, and Hugging Face could not be reached; try again later.`);
    expect(text).toContain(`https://b-61j.pages.dev/papers/${FIXTURE_PAPER_ID}`);
    expect(text).toContain(`https://arxiv.org/abs/${FIXTURE_PAPER_ID}`);
    expect(core.archive.findPaper(FIXTURE_PAPER_ID)).toBeUndefined();
  });

  it('a paper the archive has is answered from it without asking Hugging Face', async () => {
    hf = await startFakeHf(paperAnswers({}));
    const { send } = await startCore(hf.baseUrl);
    expect((await send('paper 2506.06751')).text).toContain('Geopolitical biases in LLMs');
    expect(hf.requests).toHaveLength(0);
  });
});
