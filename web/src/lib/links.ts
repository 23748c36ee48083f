/** Links built from untrusted data (post URLs from sources and producers). */

/**
 * The URL as an href when it is absolute http(s), else undefined (render no link). A `javascript:` or `data:` URL
 * from a post would run in the wall's origin when clicked; URL parsing strips the tabs and spaces that hide a scheme.
 */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}
