import { Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { formatDay } from '../../format/format';
import { localized } from '../mobility/words';
import type { Localized } from '../mobility/types';
import { ScrollTable } from '../mobility/ScrollTable';

const route = getRouteApi('/app/learners/$learnerId');

/** `GET /learners/{id}/credits` (libs/application/src/views/learner.view.ts). */
interface CreditedUnit {
  unitId: string;
  unitTitle: Localized;
  moduleId: string;
  kind: 'module' | 'part-of-module';
  ecvetPoints?: number;
  origin:
    | { type: 'mobility'; mobilityId: string; qualificationVersion: number; recognisedAt: string }
    | { type: 'transfer'; transferId: string; fromQualificationId: string; fromMobilityId: string };
}

interface LearnerCredits {
  learnerId: string;
  version: number;
  qualifications: Array<{
    qualificationId: string;
    programme: string;
    units: CreditedUnit[];
    ecvetPoints: number;
    modulesCompleted: string[];
    modulesPartly: string[];
  }>;
  transfers: unknown[];
}

/** A learner's credits: per qualification, the recognised units, their points and origin. */
export default function LearnerPage() {
  const { learnerId } = route.useParams();
  const { t, i18n } = useTranslation('learners');
  const lng = i18n.language;
  const credits = useQuery({
    queryKey: ['learners', learnerId],
    queryFn: ({ signal }) =>
      api.get<LearnerCredits>(
        `/learners/${encodeURIComponent(learnerId)}/credits`,
        undefined,
        signal,
      ),
  });

  return (
    <Stack gap="lg">
      <Title order={1}>{t('title', { id: learnerId })}</Title>
      {credits.isPending ? (
        <RoutePending />
      ) : credits.isError ? (
        <ErrorMessage error={credits.error} onRetry={() => void credits.refetch()} />
      ) : credits.data.qualifications.length === 0 ? (
        <Text>{t('none')}</Text>
      ) : (
        credits.data.qualifications.map((q) => (
          <section key={q.qualificationId} aria-labelledby={`q-${q.qualificationId}`}>
            <Title order={2} id={`q-${q.qualificationId}`}>
              {t('qualification', { id: q.qualificationId, programme: q.programme })}
            </Title>
            <Text>{t('total', { count: q.ecvetPoints })}</Text>
            <Text>
              {t('modules', {
                completed: q.modulesCompleted.join(', ') || '—',
                partly: q.modulesPartly.join(', ') || '—',
              })}
            </Text>
            <ScrollTable label={t('caption', { id: q.qualificationId })} minWidth={560}>
              <Table striped withTableBorder mt="xs">
                <Table.Caption>{t('caption', { id: q.qualificationId })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('columns.unit')}</Table.Th>
                    <Table.Th scope="col">{t('columns.module')}</Table.Th>
                    <Table.Th scope="col">{t('columns.kind')}</Table.Th>
                    <Table.Th scope="col">{t('columns.points')}</Table.Th>
                    <Table.Th scope="col">{t('columns.origin')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.units.map((u) => (
                    <Table.Tr
                      key={`${u.unitId}-${u.origin.type === 'mobility' ? u.origin.mobilityId : u.origin.transferId}`}
                    >
                      <Table.Th scope="row" fw={400}>
                        {localized(u.unitTitle, lng) || u.unitId}
                      </Table.Th>
                      <Table.Td>{u.moduleId}</Table.Td>
                      <Table.Td>{t(`kind.${u.kind}`)}</Table.Td>
                      <Table.Td>{u.ecvetPoints ?? '—'}</Table.Td>
                      <Table.Td>
                        {u.origin.type === 'mobility' ? (
                          <>
                            <Link
                              to="/app/mobilities/$mobilityId"
                              params={{ mobilityId: u.origin.mobilityId }}
                            >
                              {t('fromMobility', { id: u.origin.mobilityId })}
                            </Link>{' '}
                            ({formatDay(u.origin.recognisedAt.slice(0, 10), lng)})
                          </>
                        ) : (
                          <>
                            {t('fromTransfer', { qualification: u.origin.fromQualificationId })}{' '}
                            <Link
                              to="/app/mobilities/$mobilityId"
                              params={{ mobilityId: u.origin.fromMobilityId }}
                            >
                              {t('fromMobility', { id: u.origin.fromMobilityId })}
                            </Link>
                          </>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </section>
        ))
      )}
    </Stack>
  );
}
