import { beforeAll, describe, expect, it } from 'vitest';
import { definitionsIn, mineAcronyms, type AcronymTable } from '../../src/search/acronyms.js';
import { loadPaperFiles } from '../../src/papers/files.js';
import { fixturePath } from '../helpers/fixtures.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { parseQuery } from '../../src/search/query.js';
import { searchPapers } from '../../src/search/search-papers.js';

let table: AcronymTable;
beforeAll(async () => {
  const { papers } = await loadPaperFiles([fixturePath('hf/daily'), fixturePath('hf/monthly_final'), fixturePath('hf/raw_daily')]);
  table = mineAcronyms(papers.map((paper) => [paper.title, paper.abstract, ...paper.aiKeywords]));
});

describe('acronyms the real papers define', () => {
  it.each([
    ['MoE', 'mixture of experts'],
    ['RLHF', 'reinforcement learning from human feedback'],
    ['RAG', 'retrieval augmented generation'],
    ['VLA', 'vision language action'],
    ['LLM', 'large language models'],
    ['CoT', 'chain of thought'],
    ['LoRA', 'low rank adaptation'],
    ['DPO', 'direct preference optimization'],
    ['GRPO', 'group relative policy optimization'],
    ['PPO', 'proximal policy optimization'],
  ])('%s stands for "%s"', (acronym, longForm) => {
    expect(table.longFormOf(acronym)).toBe(longForm);
    expect(table.longFormOf(acronym.toLowerCase())).toBe(longForm);
  });

  it.each([
    ['as shown before (see Fig. 2) the model', []],
    ['we compare with GPT-4 (OpenAI) and', []],
    ['a Transformer (T) block', []],
    ['agents for Tool Use (TU; a new task)', [['tu', 'tool use']]],
    ['Vision-Language-Action (VLA) models', [['vla', 'vision language action']]],
    ['large language models (LLMs) reason', [['llm', 'large language models']]],
  ] as const)('reads %j as %j', (text, pairs) => {
    expect(definitionsIn(text)).toEqual(pairs);
  });

  it('trusts a definition only when two papers give it', () => {
    const once = mineAcronyms([['We introduce Quantum Cat Sampling (QCS) here.']]);
    expect(once.longFormOf('qcs')).toBeUndefined();
    const twice = mineAcronyms([['We introduce Quantum Cat Sampling (QCS) here.'], ['Unlike Quantum Cat Sampling (QCS), ours…']]);
    expect(twice.longFormOf('qcs')).toBe('quantum cat sampling');
  });
});

describe('a query for an acronym also finds its long form', () => {
  let index: PaperIndex;
  beforeAll(async () => {
    index = new PaperIndex();
    index.upsert((await loadPaperFiles([fixturePath('hf/daily'), fixturePath('hf/monthly_final'), fixturePath('hf/raw_daily')])).papers);
  });
  const ids = (query: string) => searchPapers(index, parseQuery(query), { limit: 100 }).hits.map((hit) => hit.id);

  it.each(['MoE', 'RLHF', 'RAG', 'VLA'])('%s finds every paper that "%s" alone finds', (acronym) => {
    const plain = ids(`"${acronym}"`);
    expect(plain.length).toBeGreaterThan(0);
    expect(ids(acronym)).toEqual(expect.arrayContaining(plain));
  });

  it.each([
    ['MoE', 'mixture of experts'],
    ['RAG', 'retrieval augmented generation'],
  ])('%s finds papers that only write "%s", and says so', (acronym, longForm) => {
    const plain = new Set(ids(`"${acronym}"`));
    const hits = searchPapers(index, parseQuery(acronym), { limit: 100 }).hits.filter((hit) => !plain.has(hit.id));
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(`${hit.title} ${hit.abstract} ${hit.aiKeywords.join(' ')}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ')).toContain(longForm);
      expect(hit.reasons.flatMap((reason) => reason.terms)).toContain(`${longForm} for ${acronym}`);
    }
  });

  it('-MoE also leaves out papers that only write "mixture of experts"', () => {
    const onlyLongForm = ids('"mixture of experts"').filter((id) => !ids('"MoE"').includes(id));
    expect(onlyLongForm.length).toBeGreaterThan(0);
    const left = ids('model -MoE');
    expect(left.length).toBeGreaterThan(0);
    for (const id of [...onlyLongForm, ...ids('"MoE"')]) expect(left).not.toContain(id);
  });
});
