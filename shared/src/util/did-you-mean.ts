/** Two rows of the distance table, reused between calls (did-you-mean runs over every spec id). */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, with an early exit once the distance exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(2 * n + 2);
    rowB = new Int32Array(2 * n + 2);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      let value = previous[j]! + 1;
      const insert = current[j - 1]! + 1;
      if (insert < value) value = insert;
      const replace = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (replace < value) value = replace;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[n]!;
}

/**
 * Candidates close to `word` (case-insensitive), best first: at most `max`, within a distance of about a
 * third of the word's length.
 */
export function closestMatches(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (max <= 0) return [];
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(lower.length / 3));
  // The best `max` so far, in order; a candidate further than the worst of a full list cannot enter it,
  // so the distance computation may stop as soon as it is past that.
  const best: { candidate: string; distance: number }[] = [];
  const order = (x: { candidate: string; distance: number }, y: { candidate: string; distance: number }) =>
    x.distance - y.distance || x.candidate.localeCompare(y.candidate);
  for (const candidate of candidates) {
    const bound = best.length === max ? Math.min(limit, best[max - 1]!.distance) : limit;
    const distance = editDistance(lower, candidate.toLowerCase(), bound);
    if (distance > bound) continue;
    const entry = { candidate, distance };
    let at = best.length;
    while (at > 0 && order(best[at - 1]!, entry) > 0) at--;
    if (at >= max) continue;
    best.splice(at, 0, entry);
    if (best.length > max) best.pop();
  }
  return best.map((s) => s.candidate);
}
