import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

/** One client for the app: reads retry once but never on 4xx (a 404 stays a 404). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 1,
    },
    mutations: { retry: false },
  },
});
