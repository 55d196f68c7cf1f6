import { Suspense, lazy } from 'react';
import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { overviewQuery } from '../../api/dashboard';
import { SIGNATORY_ROLES } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { DeadlinesTable } from './DeadlinesTable';
import { MonthTable } from './MonthTable';
import { PartnershipTable } from './PartnershipTable';
import { PhaseSection } from './PhaseSection';
import { RecentTable } from './RecentTable';
import classes from './overview.module.css';

// Recharts is big: its own chunk, loaded after the numbers are on screen.
const MonthChart = lazy(() => import('./MonthChart'));

/** `/`: the counts, each one a link to the list filtered to exactly those mobilities. */
export default function OverviewPage() {
  const { t } = useTranslation('overview');
  const f = useFormat();
  const { data, error, refetch } = useQuery(overviewQuery);

  if (error) return <ErrorMessage error={error} onRetry={() => void refetch()} />;
  if (!data) return <RoutePending />;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="baseline" wrap="wrap">
        <Title order={1}>{t('title')}</Title>
        <AnchorLink to="/app/mobilities" search={{}} className={classes.bigLink}>
          <span data-testid="count-total" className={classes.bigNumber}>
            {f.number(data.total)}
          </span>{' '}
          {t('totalUnit', { count: data.total })}
        </AnchorLink>
      </Group>

      <PhaseSection phases={data.phases} total={data.total} />

      <Paper withBorder p="md" component="section" aria-labelledby="recent-title">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Title order={2} id="recent-title" size="h3">
            {t('recent.title')}
          </Title>
          <AnchorLink to="/app/mobilities" search={{ sort: '-updated' }}>
            {t('recent.all')}
          </AnchorLink>
        </Group>
        <RecentTable />
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Paper withBorder p="md" component="section" aria-labelledby="overdue-title">
          <Title order={2} id="overdue-title" size="h3">
            {t('overdue.title')}
          </Title>
          <AnchorLink to="/app/mobilities" search={{ overdue: true }} className={classes.bigLink}>
            <span data-testid="count-overdue" className={classes.bigNumber}>
              {f.number(data.overdue)}
            </span>{' '}
            {t('overdue.unit', { count: data.overdue })}
          </AnchorLink>
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="waiting-title">
          <Title order={2} id="waiting-title" size="h3">
            {t('waiting.title')}
          </Title>
          <ul className={classes.countList}>
            {SIGNATORY_ROLES.map((role) => (
              <li key={role}>
                <AnchorLink to="/app/mobilities" search={{ waitingFor: role }}>
                  <span>{t('waiting.role', { role: t(`common:signatory.${role}`) })}</span>{' '}
                  <span data-testid={`count-waiting-${role}`} className={classes.count}>
                    {f.number(data.awaitingSignatures[role])}
                  </span>
                </AnchorLink>
              </li>
            ))}
          </ul>
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="md" component="section" aria-labelledby="deadlines-title">
        <Title order={2} id="deadlines-title" size="h3">
          {t('deadlines.title', { count: data.deadlines.total })}
        </Title>
        <DeadlinesTable deadlines={data.deadlines} />
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Paper withBorder p="md" component="section" aria-labelledby="months-title">
          <Title order={2} id="months-title" size="h3">
            {t('perMonth.title')}
          </Title>
          {data.perMonth.length === 0 ? (
            <Text>{t('perMonth.none')}</Text>
          ) : (
            <>
              <Suspense fallback={<div className={classes.chartPlaceholder} />}>
                <MonthChart data={data.perMonth} label={t('perMonth.chartLabel')} lng={f.lng} />
              </Suspense>
              <MonthTable perMonth={data.perMonth} />
            </>
          )}
        </Paper>

        <Paper withBorder p="md" component="section" aria-labelledby="partnerships-title">
          <Title order={2} id="partnerships-title" size="h3">
            {t('perPartnership.title')}
          </Title>
          <PartnershipTable perPartnership={data.perPartnership} />
          {data.otherPartnerships.partnerships > 0 && (
            <Text size="sm" mt="xs">
              {t('perPartnership.others', {
                count: data.otherPartnerships.partnerships,
                mobilities: f.number(data.otherPartnerships.count),
              })}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
