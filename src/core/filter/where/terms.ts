/** Kusto's term characters: letters and digits (any script). */
export function isTermChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/**
 * Kusto's `has`: `needle` (lower case) occurs in `haystack` (lower case) as whole terms. A term is a
 * maximal run of letters and digits, so the match may not start or end inside one: "North America"
 * has "america" but not "amer"; a needle with other characters ("ad67d136-c1db") matches that
 * sequence of terms.
 */
export function hasTerm(haystack: string, needle: string): boolean {
  if (needle === '') return true;
  const open = isTermChar(needle.charCodeAt(0));
  const close = isTermChar(needle.charCodeAt(needle.length - 1));
  let at = haystack.indexOf(needle);
  while (at >= 0) {
    const end = at + needle.length;
    if (
      (!open || at === 0 || !isTermChar(haystack.charCodeAt(at - 1))) &&
      (!close || end === haystack.length || !isTermChar(haystack.charCodeAt(end)))
    )
      return true;
    at = haystack.indexOf(needle, at + 1);
  }
  return false;
}
