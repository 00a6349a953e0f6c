/** CSV text for downloads made in the page (child-level rows, import messages, query results). */
/** CSV for the child-level export (RFC 4180 quoting; a leading ' guards against formula injection). */
export function rowsToCsv(columns: string[], rows: Record<string, unknown>[]): string {
  const quote = (v: unknown) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(quote).join(','), ...rows.map((r) => columns.map((c) => quote(r[c])).join(','))].join('\r\n') + '\r\n';
}
