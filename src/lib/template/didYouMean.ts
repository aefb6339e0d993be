import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `name` (case-insensitive), when it is close enough to be a plausible typo: at most a
 * third of the name's length in edits (two for names of four to eight characters, one for shorter ones), so
 * that "Acount" suggests "Account" and "Emial" suggests "Email", but "Foo__c" suggests nothing.
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lowerToCandidate = new Map(candidates.map((candidate) => [candidate.toLowerCase(), candidate]));
  const lowerName = name.toLowerCase();
  const best = closest(lowerName, [...lowerToCandidate.keys()]);
  const maxEdits = name.length <= 3 ? 1 : Math.max(2, Math.floor(name.length / 3));
  return distance(lowerName, best) <= maxEdits ? lowerToCandidate.get(best) : undefined;
}
