/** A value and its type for option messages: `"x" (string)`, `0 (number)`, `null (null)`. */
export function showValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? String(JSON.stringify(value)) : String(value);
  } catch {
    text = String(value);
  }
  return `${text.length > 60 ? `${text.slice(0, 57)}...` : text} (${type})`;
}
