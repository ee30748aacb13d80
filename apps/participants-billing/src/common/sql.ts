/** typeorm answers an UPDATE ... RETURNING as [rows, count] and other statements as rows. */
export function updatedRows<T>(raw: unknown): T[] {
  return (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as T[];
}
