/**
 * A notebook asks the host the same questions again and again (what a cell's SQL reads, the
 * statement it runs as), and a statement's parse does not change: the answers are kept.
 */

/** Answers of `compute` by key, the latest few hundred; a failed one is asked again next time. */
export function remembered<T>(compute: (key: string) => Promise<T>, limit = 500): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    const known = answers.get(key);
    if (known) {
      // Most recently used last: the oldest go first when the map is full.
      answers.delete(key);
      answers.set(key, known);
      return known;
    }
    const answer = compute(key);
    answers.set(key, answer);
    // Only this answer: by the time it fails, the key may hold a newer one.
    answer.catch(() => answers.get(key) === answer && answers.delete(key));
    if (answers.size > limit) answers.delete(answers.keys().next().value!);
    return answer;
  };
}
