import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldError, otherFieldErrors } from '../api/client';
import { notify } from './notices';

/** What a write answers (apps/api/src/http/write-response.ts). */
export interface WriteResult {
  id: string;
  version: number;
  events: string[];
}

interface Options<V> {
  /** The route; a function when it depends on the form's values (`…/assessments/<unitId>`). */
  path: string | ((values: V) => string);
  method: 'POST' | 'PUT';
  /** The body sent; the values themselves by default. */
  body?: (values: V) => unknown;
  /** Query keys to refetch after the write (the page updates). */
  invalidate: QueryKey[];
  /** The success notification's words. */
  success: string;
  onSuccess?: (result: WriteResult, values: V) => void;
}

/**
 * One action of a form: the write (with the session's CSRF token), a success notice, the page's
 * queries refreshed; on failure the problem details — `fieldError(name)` for the field the API
 * names, `errorMessage` for the rest.
 */
export function useActionMutation<V = unknown>(options: Options<V>) {
  const queryClient = useQueryClient();
  const { t } = useTranslation('common');
  const mutation = useMutation<WriteResult, Error, V>({
    mutationFn: (values) => {
      const path = typeof options.path === 'function' ? options.path(values) : options.path;
      const body = options.body ? options.body(values) : values;
      return options.method === 'PUT'
        ? api.put<WriteResult>(path, body ?? {})
        : api.post<WriteResult>(path, body ?? {});
    },
    onSuccess: async (result, values) => {
      notify(options.success);
      await Promise.all(
        options.invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
      options.onSuccess?.(result, values);
    },
  });
  const problem = mutation.error instanceof ApiError ? mutation.error : null;
  const errorMessage = (fields: readonly string[] = []): string | undefined => {
    const error = mutation.error;
    if (!error) return undefined;
    if (!(error instanceof ApiError)) return error.message;
    switch (error.status) {
      case 400: {
        const rest = otherFieldErrors(error, fields).map((p) => `${p.name}: ${p.reason}`);
        return [t('error.invalid'), ...rest].join(' ');
      }
      case 403:
        return t('error.forbidden');
      case 404:
        return t('error.notFound');
      case 409:
        return t('error.conflict');
      default:
        return error.problem.detail ?? error.problem.title;
    }
  };
  return {
    mutate: mutation.mutate,
    isPending: mutation.isPending,
    isSuccess: mutation.isSuccess,
    reset: mutation.reset,
    problem,
    fieldError: (field: string) => fieldError(problem, field),
    errorMessage,
  };
}
