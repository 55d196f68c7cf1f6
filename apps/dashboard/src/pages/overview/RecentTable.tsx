import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recentMobilitiesQuery } from '../../api/dashboard';
import { AnchorLink } from '../../components/AnchorLink';
import { PhaseBadge } from '../../components/PhaseBadge';
import { useFormat } from '../../format/useFormat';

/** The mobilities changed last: who, in which phase, whose signature the agreement waits for. */
export function RecentTable() {
  const { t } = useTranslation('overview');
  const f = useFormat();
  const { data } = useQuery(recentMobilitiesQuery);
  if (!data) return null;
  if (data.items.length === 0) return <Text>{t('recent.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped>
        <caption className="visually-hidden">{t('recent.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('recent.learner')}</Table.Th>
            <Table.Th scope="col">{t('recent.phase')}</Table.Th>
            <Table.Th scope="col">{t('recent.waitingFor')}</Table.Th>
            <Table.Th scope="col">{t('recent.start')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((row) => (
            <Table.Tr key={row.mobilityId} data-testid="recent-row">
              <Table.Td>
                <AnchorLink
                  to="/app/mobilities/$mobilityId"
                  params={{ mobilityId: row.mobilityId }}
                  search={{}}
                >
                  {row.learnerName ?? `${t('common:notDisclosed')} (${row.mobilityId})`}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <PhaseBadge phase={row.phase} />
              </Table.Td>
              <Table.Td>
                {row.waitingFor.length > 0
                  ? row.waitingFor.map((role) => t(`common:signatory.${role}`)).join(', ')
                  : t('common:none')}
              </Table.Td>
              <Table.Td>
                {row.plannedStart ? (
                  <time dateTime={row.plannedStart}>{f.dayShort(row.plannedStart)}</time>
                ) : (
                  t('common:none')
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
