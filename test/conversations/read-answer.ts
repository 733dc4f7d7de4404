/** Reading an answer's text as a member skims it, the same way on every platform. */

/** The number before each paper of a list (` 1. ▲51  Title`, `1. Title  ▲ 51`), in order. */
export function paperNumbers(text: string): number[] {
  return [...text.matchAll(/^\s*(\d+)\. /gm)].map((m) => Number(m[1]));
}

/** Each paper's numbered line without its number: what tells two papers apart at a glance. */
export function paperLines(text: string): string[] {
  return [...text.matchAll(/^\s*\d+\. (.+)$/gm)].map((m) => m[1]!.trim());
}

/** Each paper's reasons line: `Matched title: video; abstract: video, videos`. */
export function reasonLines(text: string): string[] {
  return [...text.matchAll(/Matched [^\n]*/g)].map((m) => m[0]);
}

/** The one wording of reasons on every platform: `Matched <field>: <terms>; <field>: <terms>`. */
export const REASONS = /^Matched [a-z][a-z ]*: [^;\n]+(; [a-z][a-z ]*: [^;\n]+)*$/;
