/** "1 abierta" / "2 abiertas", "1 post" / "2 posts": the word for a count as shown (a formatted string or a number). */
export const plural = (n: string | number, one: string, many: string) => (String(n) === '1' ? one : many)
