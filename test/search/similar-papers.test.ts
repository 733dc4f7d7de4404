import { beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/papers/paper.js';
import { similarPapers } from '../../src/search/similar-papers.js';
import { commandHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await commandHarness();
});

const similar = (id: string, limit = 5) => similarPapers(h.archive.index, id, limit)!;
const ids = (id: string) => similar(id).hits.map((hit) => hit.id);
const about = (paper: Paper) => [paper.title, paper.aiKeywords.join(' '), paper.abstract].join(' ').toLowerCase();

/**
 * Neighbours checked by hand on the fixture papers (563 of them, 2023-08 to 2025-10): for each
 * paper, papers a reader would call related, every one among its five closest.
 */
const RELATED: [string, string, [string, string][]][] = [
  [
    '2506.05327',
    'Revisiting Depth Representations for Feed-Forward 3D Gaussian Splatting',
    [
      // The original 3DGS paper, which this one builds on.
      ['2308.04079', '3D Gaussian Splatting for Real-Time Radiance Field Rendering'],
      // Generates Gaussian splats with a diffusion model: same representation, same rendering.
      ['2501.16764', 'DiffSplat: Repurposing Image Diffusion Models for Scalable Gaussian Splat Generation'],
      // Renders video through pseudo-4D Gaussian fields: Gaussian splats again, in time.
      ['2501.02690', 'GS-DiT: Advancing Video Generation with Pseudo 4D Gaussian Fields through Efficient Dense 3D Point Tracking'],
    ],
  ],
  [
    '2506.08012',
    'GUI-Reflection: Empowering Multimodal GUI Models with Self-Reflection Behavior',
    [
      // A multimodal GUI agent that also reflects on its own steps.
      ['2501.04575', 'InfiGUIAgent: A Multimodal Generalist GUI Agent with Native Reasoning and Reflection'],
      // Catches a GUI agent's errors before it acts: the same error-correction goal.
      ['2506.04614', 'Look Before You Leap: A GUI-Critic-R1 Model for Pre-Operative Error Diagnosis in GUI Automation'],
      // Native GUI agents trained with iterative online reflection.
      ['2501.12326', 'UI-TARS: Pioneering Automated GUI Interaction with Native Agents'],
      // Training data for GUI agents.
      ['2412.19723', 'OS-Genesis: Automating GUI Agent Trajectory Construction via Reverse Task Synthesis'],
    ],
  ],
  [
    '2501.18427',
    'SANA 1.5: Efficient Scaling of Training-Time and Inference-Time Compute in Linear Diffusion Transformer',
    [
      // Inference-time compute for diffusion models: SANA 1.5's second half.
      ['2501.09732', 'Inference-Time Scaling for Diffusion Models beyond Scaling Denoising Steps'],
      // Test-time compute scaling by repeated sampling, as SANA 1.5 does.
      ['2501.14723', 'CodeMonkeys: Scaling Test-Time Compute for Software Engineering'],
      ['2501.02497', 'Test-time Computing: from System-1 Thinking to System-2 Thinking'],
    ],
  ],
  [
    '2506.08007',
    'Reinforcement Pre-Training',
    [
      // RL with verifiable rewards at the level of tokens: RPT's reward is a verified next token.
      ['2510.03222', 'Low-probability Tokens Sustain Exploration in Reinforcement Learning with Verifiable Reward'],
      // Scaling RL for LLM reasoning.
      ['2501.12599', 'Kimi k1.5: Scaling Reinforcement Learning with LLMs'],
      ['2503.07365', 'MM-Eureka: Exploring Visual Aha Moment with Rule-based Large-scale Reinforcement Learning'],
    ],
  ],
  [
    '2308.04079',
    '3D Gaussian Splatting for Real-Time Radiance Field Rendering',
    [
      // A NeRF (radiance field) method for novel view synthesis, the task 3DGS was made for.
      ['2308.03280', 'Mirror-NeRF: Learning Neural Radiance Fields for Mirrors with Whitted-Style Ray Tracing'],
      // Later Gaussian Splatting papers.
      ['2506.05327', 'Revisiting Depth Representations for Feed-Forward 3D Gaussian Splatting'],
      ['2501.16764', 'DiffSplat: Repurposing Image Diffusion Models for Scalable Gaussian Splat Generation'],
    ],
  ],
];

describe('similar on real Daily Papers', () => {
  it.each(RELATED)('%s (%s) lists the papers a reader would call related', (id, title, related) => {
    const result = similar(id);
    expect(result.source.title).toBe(title);
    const found = result.hits.map((hit) => [hit.id, hit.title]);
    for (const pair of related) expect(found).toContainEqual(pair);
  });

  it('says why: the distinctive words shared, as the paper writes them, by field', () => {
    const { source, hits } = similar('2506.05327');
    const [first] = hits;
    expect(first!.id).toBe('2308.04079');
    expect(first!.reasons.map((r) => r.field)).toEqual(['title', 'keywords', 'abstract']);
    expect(first!.reasons[0]!.terms).toEqual(expect.arrayContaining(['gaussian', 'splatting', '3d']));
    for (const hit of hits) {
      expect(hit.reasons.length).toBeGreaterThan(0);
      for (const reason of hit.reasons) {
        expect(['title', 'keywords', 'abstract']).toContain(reason.field);
        expect(reason.terms.length).toBeLessThanOrEqual(5);
        for (const term of reason.terms) expect(about(source)).toContain(term);
      }
    }
  });

  it('never lists the paper itself, lists at most the limit, each sharing two or more words', () => {
    const sample = [...h.archive.index.all()].filter((paper) => paper.id).filter((_, i) => i % 10 === 0);
    expect(sample.length).toBeGreaterThan(40);
    for (const paper of sample) {
      const { hits } = similar(paper.id!, 8);
      expect(hits.length).toBeLessThanOrEqual(8);
      expect(hits.map((hit) => hit.id)).not.toContain(paper.id);
      expect(hits.map((hit) => hit.title.toLowerCase())).not.toContain(paper.title.toLowerCase());
      for (const hit of hits) expect(new Set(hit.reasons.flatMap((r) => r.terms)).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('knows no paper that is not indexed', () => {
    expect(similarPapers(h.archive.index, '9999.99999')).toBeUndefined();
  });
});

describe('/papers similar', () => {
  it('lists the closest papers with why, each offering Similar in turn', async () => {
    const { reply, text } = await h.send('similar https://arxiv.org/abs/2506.08012v2');
    expect(reply.kind).toBe('papers');
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.heading).toBe('Papers most like arXiv 2506.08012, "GUI-Reflection: Empowering Multimodal GUI Models with Self-Reflection Behavior"');
    expect(reply.papers).toHaveLength(5);
    expect(reply.similar).toBe(true);
    expect(text).toContain(' 1. ▲');
    expect(text).toMatch(/Matched title: gui/);
  });

  it('says a paper that is not in the archive is not, like paper does', async () => {
    const { reply } = await h.send('similar 2401.99999');
    expect(reply.kind).toBe('info');
    expect(reply.heading).toBe('Paper 2401.99999 is not in the archive.');
    expect(reply.heading).toBe((await h.send('paper 2401.99999')).reply.heading);
  });

  it.each(['', 'diffusion', '2506.08012 2506.08007', 'https://example.com/x'])('refuses %j with an example', async (args) => {
    const { reply } = await h.send(`similar ${args}`);
    expect(reply.kind).toBe('error');
    expect(reply.heading).toBe('Give an arXiv id or link: e.g. `/papers similar 2406.12345` or a Hugging Face papers URL.');
  });

  it('search, paper, today and week offer Similar; help names it', async () => {
    for (const command of ['search splatting', 'paper 2506.05327', 'today 3', 'week 3']) {
      expect((await h.send(command)).reply.similar).toBe(true);
    }
    expect((await h.send('search zzzzqqq')).reply.similar).toBeUndefined();
    expect((await h.send('help')).text).toContain('/papers similar <arXiv id or link>');
  });
});
