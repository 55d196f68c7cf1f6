import { signInUrl } from '../../api/http';
import { ApiError, toProblem } from '../../api/problem';
import { fileNameOf } from './streams';

export interface Downloaded {
  fileName: string;
  bytes: number;
  /** SHA-256 of the file (hex), when the browser offers Web Crypto. */
  sha256?: string;
}

/**
 * Fetches a file with the session's cookie, reporting the bytes received, and hands it to the
 * browser as a download (a blob link clicked). A failure throws ApiError with the problem details
 * (a 401 goes to the sign-in, as every other read does).
 */
export async function downloadFile(
  path: string,
  fallbackName: string,
  onProgress: (received: number, total?: number) => void,
  signal?: AbortSignal,
): Promise<Downloaded> {
  const response = await fetch(path, { credentials: 'same-origin', signal });
  if (response.status === 401) {
    window.location.assign(signInUrl(window.location, document.documentElement.lang || 'lv'));
    throw new ApiError({
      type: '/problems/unauthenticated',
      title: 'Sign-in required',
      status: 401,
    });
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the status line then
    }
    throw new ApiError(toProblem(response.status, response.statusText, parsed));
  }
  const total = Number(response.headers.get('Content-Length')) || undefined;
  const chunks: ArrayBuffer[] = [];
  let received = 0;
  onProgress(0, total);
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value.slice().buffer);
      received += value.byteLength;
      onProgress(received, total);
    }
  } else {
    const all = await response.arrayBuffer();
    chunks.push(all);
    received = all.byteLength;
    onProgress(received, total);
  }
  const blob = new Blob(chunks, {
    type: response.headers.get('Content-Type') ?? 'application/octet-stream',
  });
  const fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
  const sha256 = await digest(blob);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by then; the blob can go.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { fileName, bytes: received, ...(sha256 !== undefined && { sha256 }) };
}

async function digest(blob: Blob): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}
