import { describe, expect, it } from 'vitest';
import { normalizePaperId } from '../../src/papers/paper.js';

describe('normalizePaperId', () => {
  it.each([
    ['2501.16295', '2501.16295'],
    ['2501.16295v3', '2501.16295'],
    ['arxiv:2501.16295', '2501.16295'],
    ['arXiv:2501.16295', '2501.16295'],
    ['ARXIV:2501.16295v2', '2501.16295'],
    ['  arXiv: 2501.16295 ', '2501.16295'],
    ['arXiv:hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/2501.16295', '2501.16295'],
    ['https://arxiv.org/pdf/2501.16295v1.pdf', '2501.16295'],
    ['<https://b-61j.pages.dev/papers/2501.16295|paper>', '2501.16295'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['arxiv:', null],
    ['arxiv:world model', null],
    ['doi:2501.16295', null],
    ['2501.162', null],
    ['diffusion', null],
  ])('reads %j as %j', (input, id) => {
    expect(normalizePaperId(input)).toBe(id);
  });
});
