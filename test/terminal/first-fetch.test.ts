import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTerminal } from '../../adapters/terminal/terminal-adapter.js';
import { infoReply, type Reply } from '../../src/commands/reply.js';

/** A piped session: the lines are written at once, then input ends. */
async function piped(lines: string[], firstFetch: Promise<string>, firstFetchWaitMs: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const answered: string[] = [];
  const session = runTerminal({
    input,
    output,
    commandName: '/papers',
    greeting: 'hello',
    firstFetch,
    firstFetchWaitMs,
    run: async (line): Promise<Reply> => {
      answered.push(line);
      return infoReply(`answer to ${line}`);
    },
  });
  input.end(`${lines.join('\n')}\n`);
  await session;
  return { text, answered };
}

describe('piped input and the first fetch', () => {
  it('waits for the first fetch before the first answer', async () => {
    let finish!: (line: string) => void;
    const fetch = new Promise<string>((resolve) => (finish = resolve));
    const session = piped(['/papers today', '/papers week'], fetch, 60_000);
    setImmediate(() => finish('Fetched 7 days, 152 papers from Hugging Face.'));
    const { text } = await session;
    expect(text.indexOf('Fetched 7 days, 152 papers from Hugging Face.')).toBeGreaterThan(-1);
    expect(text.indexOf('Fetched 7 days')).toBeLessThan(text.indexOf('> /papers today'));
    expect(text).toContain('answer to /papers week');
  });

  it('past its deadline answers from the archive, says so, and prints the fetch line when it comes', async () => {
    let finish!: (line: string) => void;
    const fetch = new Promise<string>((resolve) => (finish = resolve));
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => (text += chunk.toString()));
    let answers = 0;
    const session = runTerminal({
      input,
      output,
      commandName: '/papers',
      greeting: 'hello',
      firstFetch: fetch,
      firstFetchWaitMs: 1,
      run: async (line): Promise<Reply> => {
        answers++;
        return infoReply(`answer to ${line}`);
      },
    });
    input.write('/papers today\n');
    await expect.poll(() => answers).toBe(1);
    expect(text).toContain('Hugging Face has not answered within 0 s; answering from the archive meanwhile.');
    finish('Fetched 7 days, 152 papers from Hugging Face.');
    await expect.poll(() => text).toContain('Fetched 7 days, 152 papers from Hugging Face.');
    input.end('/papers week\n');
    await session;
    expect(text.indexOf('Fetched 7 days')).toBeGreaterThan(text.indexOf('answer to /papers today'));
    expect(text).toContain('answer to /papers week');
  });
});
