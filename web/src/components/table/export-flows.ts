/**
 * CSV export of the current query with the visible columns: `GET /api/flows/export` fetched with the
 * host's credentials (in the console a plain link would lack the user's token), then saved as a file.
 */
import { flowQueryParams } from '../../api/flow-query-params';
import { HostFetch } from '../../console/services';
import { FieldDef } from '../../model/fields';
import { FlowQuery } from '../../model/query';

export function exportPath(query: FlowQuery, columns: readonly FieldDef[]): string {
  const params = flowQueryParams(query);
  params.set('columns', columns.map((c) => c.name).join(','));
  return `/api/flows/export?${params.toString()}`;
}

/** "flows-2026-11-23T10-05-00Z.csv": sortable, and free of characters file systems refuse. */
export function exportFileName(now: Date): string {
  return `flows-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}.csv`;
}

export async function downloadExport(fetch: HostFetch, backendBase: string, query: FlowQuery, columns: readonly FieldDef[]): Promise<void> {
  const res = await fetch(`${backendBase}${exportPath(query, columns)}`, { headers: { Accept: 'text/csv' } });
  if (!res.ok) {
    const body = await res.text();
    let message = `the backend answered ${res.status}`;
    try {
      const parsed = JSON.parse(body) as { error?: unknown };
      if (typeof parsed.error === 'string') message = parsed.error;
    } catch {
      // Not JSON: keep the status.
    }
    throw new Error(message);
  }
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(new Date());
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoke after the click has handed the blob to the download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
