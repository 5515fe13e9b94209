/**
 * An exercise as the instructor writes it (exercises/<name>.md): YAML front matter between `---`
 * lines, the prompt in Markdown, a ```sql starter fence, a ```sql solution fence, and ```hint
 * fences, revealed one at a time. The Markdown is parsed with mdast-util-from-markdown; the prompt
 * is the source text of every other top-level block, kept as written.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { RootContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { ExerciseFrontMatter } from '../../../shared/contract/bundle';
import type { MessageKey } from '../../../shared/i18n/translate';

export interface AuthoredExercise {
  front: ExerciseFrontMatter;
  prompt: string;
  starter: string;
  solution: string;
  hints: string[];
}

export type ExerciseParse = { ok: true; exercise: AuthoredExercise } | { ok: false; problem: MessageKey; detail: string };

/** Splits `---` front matter from the body, line by line. */
function splitFrontMatter(text: string): { yaml: string; body: string } | null {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[0]?.trimEnd() !== '---') return null;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (end < 0) return null;
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n') };
}

function sourceOf(node: RootContent, body: string): string {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return body.slice(start, end);
}

export function parseExerciseFile(text: string): ExerciseParse {
  const split = splitFrontMatter(text.replaceAll('\r\n', '\n'));
  if (!split) return { ok: false, problem: 'bundle.exerciseNoFrontMatter', detail: '' };
  let yaml: unknown;
  try {
    yaml = parseYaml(split.yaml);
  } catch (error) {
    return { ok: false, problem: 'bundle.exerciseFrontMatter', detail: error instanceof Error ? error.message : String(error) };
  }
  const front = ExerciseFrontMatter.safeParse(yaml);
  if (!front.success) {
    const issue = front.error.issues[0];
    return { ok: false, problem: 'bundle.exerciseFrontMatter', detail: issue ? `${issue.path.join('.')}: ${issue.message}` : '' };
  }

  const tree = fromMarkdown(split.body);
  const starters: string[] = [];
  const solutions: string[] = [];
  const hints: string[] = [];
  const prompt: string[] = [];
  for (const node of tree.children) {
    if (node.type === 'code') {
      const lang = node.lang?.toLowerCase();
      const meta = node.meta?.trim().toLowerCase();
      if (lang === 'sql' && meta === 'starter') {
        starters.push(node.value);
        continue;
      }
      if (lang === 'sql' && meta === 'solution') {
        solutions.push(node.value);
        continue;
      }
      if (lang === 'hint') {
        hints.push(node.value.trim());
        continue;
      }
    }
    prompt.push(sourceOf(node, split.body));
  }
  if (solutions.length !== 1) return { ok: false, problem: 'bundle.exerciseSolutionCount', detail: String(solutions.length) };
  if (starters.length > 1) return { ok: false, problem: 'bundle.exerciseStarterCount', detail: String(starters.length) };
  const promptText = prompt.join('\n\n').trim();
  if (promptText === '') return { ok: false, problem: 'bundle.exerciseNoPrompt', detail: '' };
  return { ok: true, exercise: { front: front.data, prompt: promptText, starter: starters[0] ?? '', solution: solutions[0]!, hints } };
}
