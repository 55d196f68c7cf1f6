import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { formatDay } from '../../format/format';
import { callsQuery } from './queries';
import { ScrollTable } from '../mobility/ScrollTable';

const route = getRouteApi('/app/calls');

/** Calls for candidates (of one partnership with `?partnershipId=`): places, deadline, status. */
export default function CallsPage() {
  const { t, i18n } = useTranslation('calls');
  const { partnershipId } = route.useSearch();
  const list = useQuery(callsQuery(partnershipId));
  const lng = i18n.language;
  return (
    <Stack gap="md">
      <Title order={1}>{t('title')}</Title>
      {partnershipId && (
        <Text>
          {t('ofPartnership', { id: partnershipId })}{' '}
          <Link to="/app/calls" search={{}}>
            {t('allCalls')}
          </Link>
        </Text>
      )}
      {list.isPending ? (
        <RoutePending />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Text aria-live="polite">{t('count', { count: list.data.total })}</Text>
          <ScrollTable label={t('title')} minWidth={640}>
            <Table striped highlightOnHover withTableBorder>
              <Table.Caption className="visually-hidden">{t('title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.placement')}</Table.Th>
                  <Table.Th scope="col">{t('columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('columns.places')}</Table.Th>
                  <Table.Th scope="col">{t('columns.applications')}</Table.Th>
                  <Table.Th scope="col">{t('columns.deadline')}</Table.Th>
                  <Table.Th scope="col">{t('columns.start')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.callId}>
                    <Table.Th scope="row" fw={400}>
                      <Link to="/app/calls/$callId" params={{ callId: c.callId }}>
                        {t('placement', { placement: c.placement, country: c.country })}
                      </Link>
                    </Table.Th>
                    <Table.Td>
                      <Badge variant="filled" color={c.status === 'open' ? '#1b5e20' : 'gray.8'}>
                        {t(`status.${c.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t('places', { selected: c.selected, places: c.places })}</Table.Td>
                    <Table.Td>{c.applications.length}</Table.Td>
                    <Table.Td>{formatDay(c.applicationDeadline, lng)}</Table.Td>
                    <Table.Td>{formatDay(c.plannedStart, lng)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}
