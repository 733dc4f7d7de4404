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
    ['rag or retrieval', { clauses: [[word('rag')], [word('or')], [word('retrieval')]], excluded: [] }],
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
  ])('refuses %j with a message saying what to type', (input, message) => {
    expect(() => parseQuery(input)).toThrow(QueryError);
    expect(() => parseQuery(input)).toThrow(message);
  });

  it('gives the same canonical form to the same topic written differently', () => {
    expect(canonicalQuery(parseQuery('World   Model -Video'))).toBe(canonicalQuery(parseQuery('-video model world')));
    expect(canonicalQuery(parseQuery('audio OR video'))).toBe(canonicalQuery(parseQuery('video OR audio')));
    expect(canonicalQuery(parseQuery('"world model"'))).not.toBe(canonicalQuery(parseQuery('world model')));
  });
});
