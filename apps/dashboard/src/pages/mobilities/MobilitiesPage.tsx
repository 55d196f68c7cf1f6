import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { mobilitiesQuery } from '../../api/dashboard';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { FiltersForm } from './FiltersForm';
import { MobilitiesTable } from './MobilitiesTable';
import { SavedFilters } from './SavedFilters';
import { exportHref } from './search';
import classes from './mobilities.module.css';

const route = getRouteApi('/app/mobilities');

/**
 * `/app/mobilities`: the filtered, sorted, keyset-paged list. Everything it shows follows from the
 * URL's search params (filters, sort, cursor) — the query key is the validated search.
 */
export default function MobilitiesPage() {
  const { t } = useTranslation('mobilities');
  const f = useFormat();
  const search = route.useSearch();
  const { data, error, refetch, isFetching } = useQuery(mobilitiesQuery(search));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline" wrap="wrap">
        <Title order={1}>
          {t('title')}
          {data && (
            <>
              {' '}
              (
              <span data-testid="list-total" className={classes.total}>
                {f.number(data.total)}
              </span>
              )
            </>
          )}
        </Title>
        <Group gap="xs" aria-label={t('export.title')} role="group">
          <Button
            component="a"
            href={exportHref(search, 'csv')}
            variant="default"
            size="xs"
            download
          >
            {t('export.csv')}
          </Button>
          <Button
            component="a"
            href={exportHref(search, 'xlsx')}
            variant="default"
            size="xs"
            download
          >
            {t('export.xlsx')}
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="md">
        <FiltersForm />
      </Paper>
      <Paper withBorder p="md">
        <SavedFilters />
      </Paper>

      <section aria-labelledby="results-title" aria-busy={isFetching}>
        <div aria-live="polite">
          <Title order={2} size="h4" id="results-title" mb="xs">
            {data ? t('found', { count: data.total }) : t('common:app.loading')}
          </Title>
        </div>
        {error ? (
          <ErrorMessage error={error} onRetry={() => void refetch()} />
        ) : data ? (
          <>
            <MobilitiesTable rows={data.items} />
            <Group component="nav" aria-label={t('paging.label')} mt="sm" gap="lg">
              {search.cursor && (
                <AnchorLink to="/app/mobilities" search={({ cursor: _c, ...rest }) => rest}>
                  {t('paging.first')}
                </AnchorLink>
              )}
              {data.nextCursor && (
                <AnchorLink
                  to="/app/mobilities"
                  search={(s) => ({ ...s, cursor: data.nextCursor ?? undefined })}
                >
                  {t('paging.next')}
                </AnchorLink>
              )}
            </Group>
          </>
        ) : (
          <RoutePending />
        )}
      </section>
    </Stack>
  );
}
