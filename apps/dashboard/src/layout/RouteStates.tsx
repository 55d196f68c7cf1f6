import { Alert, Button, Loader, Stack, Title } from '@mantine/core';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';

export function RoutePending() {
  const { t } = useTranslation();
  return (
    <Stack align="center" p="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <span className="visually-hidden">{t('app.loading')}</span>
    </Stack>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1}>{t('app.notFound')}</Title>
      <Link to="/">{t('app.backToOverview')}</Link>
    </Stack>
  );
}

/** What a failed read shows: the problem's title/detail in words, 404/403 in ours. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 401) return <RoutePending />;
  const message =
    error instanceof ApiError
      ? error.status === 404
        ? t('error.notFound')
        : error.status === 403
          ? t('error.forbidden')
          : error.status === 409
            ? t('error.conflict')
            : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <Alert color="red" title={t('error.title')} role="alert">
      {message}
      {onRetry && (
        <div>
          <Button mt="sm" size="xs" variant="filled" color="red.9" onClick={onRetry}>
            {t('error.retry')}
          </Button>
        </div>
      )}
    </Alert>
  );
}

export function RouteError({ error, reset }: ErrorComponentProps) {
  return <ErrorMessage error={error} onRetry={reset} />;
}
