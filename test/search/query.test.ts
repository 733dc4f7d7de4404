import { describe, expect, it } from 'vitest';
import { canonicalQuery, parseQuery, QueryError } from '../../src/search/query.js';

const word = (text: string, field = 'any') => ({ text, phrase: false, prefix: false, field });
const phrase = (text: string, field = 'any') => ({ text, phrase: true, prefix: false, field });

describe('parseQuery', () => {
  it.each([
    ['diffusion', { clauses: [[word('diffusion')]], excluded: [] }],
    ['video generation', { clauses: [[word('video')], [word('generation')]], excluded: [] }],
    ['"world model" -video', { clauses: [[phrase('world model')]], excluded: [word('video')] }],
    ['video OR audio generation', { clauses: [[word('video'), word('audio')], [word('generation')]], excluded: [] }],
    ['a OR b OR c', { clauses: [[word('a'), word('b'), word('c')]], excluded: [] }],
    ['author:hinton', { clauses: [[word('hinton', 'author')]], excluded: [] }],
    ['org:"Google DeepMind" title:agents', { clauses: [[phrase('Google DeepMind', 'org')], [word('agents', 'title')]], excluded: [] }],
    ['TITLE:Agents', { clauses: [[word('Agents', 'title')]], excluded: [] }],
    ['llm -author:smith', { clauses: [[word('llm')]], excluded: [word('smith', 'author')] }],
    ['retriev*', { clauses: [[{ text: 'retriev', phrase: false, prefix: true, field: 'any' }]], excluded: [] }],
    ['  "  spaced   out  "  ', { clauses: [[phrase('spaced out')]], excluded: [] }],
    ['rag or retrieval', { clauses: [[word('rag'), word('retrieval')]], excluded: [] }],
    ['rag Or retrieval', { clauses: [[word('rag'), word('retrieval')]], excluded: [] }],
    // A lowercase `or` not between two terms stays the stop word it is.
    ['or retrieval', { clauses: [[word('or')], [word('retrieval')]], excluded: [] }],
    ['retrieval or -video', { clauses: [[word('retrieval')], [word('or')]], excluded: [word('video')] }],
    ['-video or audio', { clauses: [[word('or')], [word('audio')]], excluded: [word('video')] }],
    ['"black or white"', { clauses: [[phrase('black or white')]], excluded: [] }],
    // Groups
    ['(video OR audio) -diffusion', { clauses: [[word('video'), word('audio')]], excluded: [word('diffusion')] }],
    ['(a b) OR c', { clauses: [[word('a'), word('c')], [word('b'), word('c')]], excluded: [] }],
    ['(a b) or (c d)', { clauses: [[word('a'), word('c')], [word('a'), word('d')], [word('b'), word('c')], [word('b'), word('d')]], excluded: [] }],
    ['x ((a OR b) c)', { clauses: [[word('x')], [word('a'), word('b')], [word('c')]], excluded: [] }],
    ['((a OR b) c) OR d', { clauses: [[word('a'), word('b'), word('d')], [word('c'), word('d')]], excluded: [] }],
    ['llm -(video OR audio)', { clauses: [[word('llm')]], excluded: [word('video'), word('audio')] }],
    ['llm -(video)', { clauses: [[word('llm')]], excluded: [word('video')] }],
    ['(llm -video) agents', { clauses: [[word('llm')], [word('agents')]], excluded: [word('video')] }],
    ['author:(hinton OR lecun) title:x', { clauses: [[word('hinton', 'author'), word('lecun', 'author')], [word('x', 'title')]], excluded: [] }],
    ['-author:(smith OR jones) llm', { clauses: [[word('llm')]], excluded: [word('smith', 'author'), word('jones', 'author')] }],
    ['"(not a group)" x', { clauses: [[phrase('(not a group)')], [word('x')]], excluded: [] }],
    // The same term twice, or a clause implied by a smaller one, is said once.
    ['video Video', { clauses: [[word('video')]], excluded: [] }],
    ['llm (llm OR rag)', { clauses: [[word('llm')]], excluded: [] }],
    // Text that only looks like a field.
    ['https://arxiv.org/abs/2401.12345', { clauses: [[word('https://arxiv.org/abs/2401.12345')]], excluded: [] }],
    ['arxiv:2401.12345', { clauses: [[word('arxiv:2401.12345')]], excluded: [] }],
    ['meeting 10:30', { clauses: [[word('meeting')], [word('10:30')]], excluded: [] }],
    ['note: agents', { clauses: [[word('note:')], [word('agents')]], excluded: [] }],
  ])('parses %j', (input, expected) => {
    expect(parseQuery(input)).toEqual(expected);
  });

  it.each([
    ['', /Type something to search for/],
    ['   ', /Type something to search for/],
    ['"world model', /never closed/],
    ['OR video', /OR needs a term on each side/],
    ['video OR', /OR needs a term on each side/],
    ['video OR OR audio', /OR needs a term on each side/],
    ['-video', /at least one word to look for/],
    ['llm - video', /must be followed by the word to leave out/],
    ['author:', /`author:` needs something after it/],
    ['org: deepmind', /`org:` needs something after it/],
    ['""', /Empty quotes/],
    ['llm -video OR audio', /excluded term cannot be part of OR/],
    ['the of and', /too common/],
    ['x'.repeat(257), /257 characters; keep it under 256/],
    ['wor"ld', /quote must start a phrase/],
    ['(video OR audio -diffusion', /The `\(` opened at `\(video OR audio -diffusion` is never closed; add a `\)` where the group ends/],
    ['(video OR audio and much more text', /The `\(` opened at `\(video OR audio and much more te…` is never closed/],
    ['llm ((a OR b) c', /The `\(` opened at `\(\(a OR b\) c` is never closed/],
    ['video OR audio) -diffusion', /The `\)` at `video OR audio\)` closes no `\(`/],
    ['retriev*) OR (rag', /The `\)` at `retriev\*\)` closes no `\(`/],
    ['llm ()', /Empty parentheses/],
    ['(OR video)', /OR needs a term on each side/],
    ['(video OR) audio', /OR needs a term on each side/],
    ['llm -(video audio)', /`-\(video audio\)` would leave out only papers that have all of it.*`-video -audio`.*`-"video audio"`/],
    ['llm -(video OR (audio music))', /`-\(audio music\)` would leave out only papers that have all of it/],
    ['(llm -video) OR agents', /excluded term cannot be part of OR/],
    ['llm -)', /must be followed by the word to leave out/],
    ['(a b c d e f) OR (g h i j k l)', /^That grouping expands to more than 32 combinations of alternatives, the most a search takes; use fewer alternatives per group/],
    ['(a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh)', /^That grouping expands to 34 combinations of alternatives, more than the 32 a search takes;/],
    // 32 combinations are allowed; their 160 terms are not, and the message says only that.
    ['(a b) OR (c d) OR (e f) OR (g h) OR (i j)', /^That grouping expands to 160 terms once its alternatives are combined, more than the 64 a search takes; use fewer alternatives per group/],
    // The way out keeps the user's own terms, with their fields and phrases.
    ['llm -author:(hinton lecun)', /^`-author:\(hinton lecun\)` would leave out only papers that have all of it, which search cannot do; leave out each with `-author:hinton -author:lecun`, or the words side by side with `-author:"hinton lecun"`\.$/],
    ['llm -(video "world model")', /^`-\(video "world model"\)` would leave out only papers that have all of it, which search cannot do; leave out each with `-video -"world model"`\.$/],
    ['llm -(retriev* title:agents)', /leave out each with `-retriev\* -title:agents`\.$/],
    ['authors:dong', /`authors:` is not a search field; did you mean `author:dong`\? The fields are `author:`, `org:` and `title:`/],
    ['organization:meta', /did you mean `org:meta`/],
    ['tite:"world model"', /did you mean `title:"world model"`/],
    ['llm foo:bar', /`foo:` is not a search field; the fields are `author:`, `org:` and `title:`, e.g. `author:hinton`.*`"foo:bar"`/],
    ['(year:2024 OR llm)', /`year:` is not a search field/],
  ])('refuses %j with a message saying what to type', (input, message) => {
    expect(() => parseQuery(input)).toThrow(QueryError);
    expect(() => parseQuery(input)).toThrow(message);
  });

  it('does not name the combination count when only the terms are too many', () => {
    expect(() => parseQuery('(a b) OR (c d) OR (e f) OR (g h) OR (i j)')).not.toThrow(/combinations/);
  });

  it.each(['in', 'to', 'at', 'be', 'an', 'for', 'on', 'the', 'of', 'and'])('takes the stop word %j as a prefix (it starts other words)', (start) => {
    expect(parseQuery(`${start}*`)).toEqual({ clauses: [[{ text: start, phrase: false, prefix: true, field: 'any' }]], excluded: [] });
    expect(parseQuery(`title:${start}*`).clauses[0]![0]!.field).toBe('title');
  });

  it('still refuses stop words typed whole, and a lone star', () => {
    for (const input of ['in', 'the of', '"to be"', '*', 'in -video*']) expect(() => parseQuery(input)).toThrow(/too common/);
  });

  it('gives the same canonical form to the same topic written differently', () => {
    expect(canonicalQuery(parseQuery('World   Model -Video'))).toBe(canonicalQuery(parseQuery('-video model world')));
    expect(canonicalQuery(parseQuery('audio OR video'))).toBe(canonicalQuery(parseQuery('video OR audio')));
    expect(canonicalQuery(parseQuery('"world model"'))).not.toBe(canonicalQuery(parseQuery('world model')));
  });

  it.each([
    ['(video OR audio) -diffusion', '-Diffusion (audio OR video)'],
    ['(video OR audio) -diffusion', 'video or audio -diffusion'],
    ['(a b) OR c', '(c OR a) (b OR c)'],
    ['(a b) OR c', '(c OR b) (a OR c) (a OR c)'],
    ['a (b c)', 'c b a'],
    ['llm -(video OR audio)', '-audio llm -video'],
    ['author:(hinton OR lecun)', 'author:lecun OR author:hinton'],
    ['llm (llm OR rag)', 'llm'],
    ['video video', 'video'],
  ])('gives %j and %j one canonical form', (a, b) => {
    expect(canonicalQuery(parseQuery(a))).toBe(canonicalQuery(parseQuery(b)));
  });

  it.each([
    ['(a b) OR c', 'a b OR c'],
    ['(a OR b) c', 'a OR (b c)'],
    ['-(a OR b) c', '-a b OR c'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(canonicalQuery(parseQuery(a))).not.toBe(canonicalQuery(parseQuery(b)));
  });
});
