// A JSON list kept in one user property: anything that is not a list (missing, torn, typed over)
// reads as empty rather than failing the execution that reads it.
export function parseJsonList<T>(text: string | undefined): T[] {
  if (!text) return [];
  try {
    const list = JSON.parse(text) as unknown;
    return Array.isArray(list) ? (list as T[]) : [];
  } catch {
    return [];
  }
}
