/** UTC time as the original writes it everywhere (`%Y-%m-%dT%H:%M:%SZ`): `2026-05-13T21:29:48Z`. */
export function utcTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A file-name-safe UTC stamp: `20260513T212948Z`. */
export function fileTimestamp(date: Date): string {
  return utcTimestamp(date).replace(/[-:]/g, '');
}
