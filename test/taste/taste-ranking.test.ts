import { beforeAll, describe, expect, it } from 'vitest';
import { defaultChannelState, type ChannelState } from '../../src/channels/channel-state.js';
import { emptyHistory } from '../../src/channels/digest-history.js';
import { composeDigest } from '../../src/digest/compose-digest.js';
import type { PaperLikes } from '../../src/likes/channel-likes.js';
import type { PaperArchive } from '../../src/papers/archive.js';
import { fixtureArchive } from '../helpers/archive.js';

// Five video generation papers of 2025-06-05 and 2025-06-06, real Daily Papers.
const VIDEO_PAPERS = {
  layerFlow: '2506.04228', // LayerFlow: A Unified Model for Layer-aware Video Generation
  denseDpo: '2506.03517', // DenseDPO: Fine-Grained Temporal Preference Optimization for Video Diffusion Models
  talkingMachines: '2506.03099', // TalkingMachines: Real-Time Audio-Driven FaceTime-Style Video via Autoregressive Diffusion Models
  voyager: '2506.04225', // Voyager: Long-Range and World-Consistent Video Diffusion for Explorable 3D Scene Generation
  videoRepa: '2505.23656', // VideoREPA: Learning Physics for Video Generation through Relational Alignment with Foundation Models
};
// On 2025-06-11: a video diffusion paper with 5 upvotes, and the day's top paper (19 upvotes), about something else.
const SELF_FORCING = '2506.08009';
const GEOPOLITICAL = '2506.06751';
const DIGEST_AT = new Date('2025-06-11T09:00:00Z');

let archive: PaperArchive;
beforeAll(async () => {
  ({ archive } = await fixtureArchive());
});

function liked(ids: string[], members = [{ id: 'U1', name: 'ada' }]): PaperLikes[] {
  return ids.map((paperId) => ({ paperId, likers: members.map((m) => ({ ...m, at: '2025-06-10T15:00:00Z' })) }));
}
function digest(likes: PaperLikes[], change: Partial<ChannelState> = {}) {
  return composeDigest({ ...defaultChannelState('chat:T1:C1'), ...change }, emptyHistory(), archive, DIGEST_AT, likes).papers;
}
const ids = (papers: { paper: { id: string | null } }[]) => papers.map((p) => p.paper.id);
const titleOf = (id: string) => archive.findPaper(id)!.title;

describe("the channel's taste on real papers", () => {
  it('after five liked video papers, a video paper of the day ranks above an unrelated paper with more upvotes, saying which liked paper it is like', () => {
    const papers = digest(liked(Object.values(VIDEO_PAPERS)));
    const lifted = papers.find((p) => p.paper.id === SELF_FORCING)!;
    const unrelated = papers.find((p) => p.paper.id === GEOPOLITICAL)!;
    expect(lifted.paper.upvotes).toBeLessThan(unrelated.paper.upvotes);
    expect(papers.indexOf(lifted)).toBeLessThan(papers.indexOf(unrelated));
    expect(Object.values(VIDEO_PAPERS).map(titleOf)).toContain(lifted.likedLike?.title);
    expect(unrelated.likedLike).toBeUndefined();
  });

  it("with taste off, the same likes leave the day's ranking as it is and no paper gives the reason", () => {
    const likes = liked(Object.values(VIDEO_PAPERS));
    const papers = digest(likes, { taste: 'off' });
    expect(papers[0]!.paper.id).toBe(GEOPOLITICAL);
    expect(papers.map((p) => p.paper.upvotes)).toEqual([19, 7, 6, 5, 5]);
    expect(papers.every((p) => p.likedLike === undefined)).toBe(true);
    expect(ids(papers)).toEqual(ids(digest([])));
  });

  it('without an explicit setting, two likes change nothing; a third like, on another paper or the same, turns the taste on', () => {
    const two = digest(liked([VIDEO_PAPERS.voyager, VIDEO_PAPERS.talkingMachines]));
    expect(ids(two)).toEqual(ids(digest([])));
    expect(two.every((p) => p.likedLike === undefined)).toBe(true);

    const sameTwo = digest(liked([VIDEO_PAPERS.voyager, VIDEO_PAPERS.talkingMachines], [{ id: 'U1', name: 'ada' }, { id: 'U2', name: 'bo' }]));
    expect(ids(sameTwo).indexOf(SELF_FORCING)).toBeLessThan(ids(sameTwo).indexOf(GEOPOLITICAL));

    const three = digest(liked([VIDEO_PAPERS.voyager, VIDEO_PAPERS.talkingMachines, VIDEO_PAPERS.layerFlow]));
    expect(ids(three).indexOf(SELF_FORCING)).toBeLessThan(ids(three).indexOf(GEOPOLITICAL));
    expect(three.find((p) => p.paper.id === SELF_FORCING)!.likedLike).toBeDefined();
  });

  it('taste on by setting lifts even two liked papers', () => {
    const papers = digest(liked([VIDEO_PAPERS.voyager, VIDEO_PAPERS.talkingMachines]), { taste: 'on' });
    expect(ids(papers).indexOf(SELF_FORCING)).toBeLessThan(ids(papers).indexOf(GEOPOLITICAL));
  });

  it('a liked paper missing from the archive is skipped, and likes on only missing papers leave the day as it is', () => {
    const missing = ['2599.00001', '2599.00002', '2599.00003'];
    const papers = digest(liked([...missing, ...Object.values(VIDEO_PAPERS)]));
    expect(ids(papers).indexOf(SELF_FORCING)).toBeLessThan(ids(papers).indexOf(GEOPOLITICAL));
    expect(ids(digest(liked(missing)))).toEqual(ids(digest([])));
  });

  it("topics still lead: a topic's matches come before any paper the taste lifts", () => {
    const topic = { query: 'inequality', canonical: 'inequality', addedBy: 'ada', addedAt: '' };
    const papers = digest(liked(Object.values(VIDEO_PAPERS)), { topics: [topic] });
    expect(papers[0]!.topic).toBe('inequality');
    expect(papers[0]!.likedLike).toBeUndefined();
    expect(ids(papers).indexOf(SELF_FORCING)).toBeLessThan(ids(papers).indexOf(GEOPOLITICAL));
  });

  it("each paper the channel likes shows its count of 👍, the others none", () => {
    const likes = [...liked(Object.values(VIDEO_PAPERS)), ...liked([GEOPOLITICAL], [{ id: 'U1', name: 'ada' }, { id: 'U2', name: 'bo' }])];
    const papers = digest(likes);
    expect(papers.find((p) => p.paper.id === GEOPOLITICAL)!.likes).toBe(2);
    expect(papers.filter((p) => p.paper.id !== GEOPOLITICAL).every((p) => p.likes === undefined)).toBe(true);
  });

  it('recent likes outweigh old ones: video likes from a year ago stop lifting video papers once the channel likes other papers', () => {
    // Reasoning papers of 2025-06-05 and 2025-06-06, liked the day before the digest.
    const recent = liked(['2506.03295', '2506.03106', '2506.05331', '2506.04734']);
    const videoLikedAt = (at: string) => Object.values(VIDEO_PAPERS).map((paperId) => ({ paperId, likers: [{ id: 'U1', name: 'ada', at }] }));
    const fresh = digest([...videoLikedAt('2025-06-10T15:00:00Z'), ...recent]);
    expect(ids(fresh).indexOf(SELF_FORCING)).toBeLessThan(ids(fresh).indexOf(GEOPOLITICAL));
    const old = digest([...videoLikedAt('2024-06-10T15:00:00Z'), ...recent]);
    expect(old[0]!.paper.id).toBe(GEOPOLITICAL);
    expect(old.find((p) => p.paper.id === SELF_FORCING)?.likedLike).toBeUndefined();
  });
});
