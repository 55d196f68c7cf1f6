import { Badge, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, RoutePending } from '../../layout/RouteStates';
import { formatDay } from '../../format/format';
import { institutionsQuery, partnershipsQuery } from './queries';
import { ScrollTable } from '../mobility/ScrollTable';

const route = getRouteApi('/app/partnerships');

/** Every partnership the account may see: title, parties, status, the MoU in force. */
export default function PartnershipsPage() {
  const { t, i18n } = useTranslation('partnerships');
  const { q } = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(partnershipsQuery());
  const institutions = useQuery(institutionsQuery());
  const names = new Map(
    (institutions.data?.items ?? []).map((i) => [i.institutionId, i.legalName] as const),
  );
  const lng = i18n.language;
  const needle = q?.toLocaleLowerCase(lng);
  const items = (list.data?.items ?? []).filter(
    (p) =>
      !needle ||
      p.title.toLocaleLowerCase(lng).includes(needle) ||
      p.partnershipId.toLocaleLowerCase(lng).includes(needle),
  );

  return (
    <Stack gap="md">
      <Title order={1}>{t('title')}</Title>
      <TextInput
        label={t('search')}
        type="search"
        defaultValue={q ?? ''}
        onChange={(e) => {
          const value = e.currentTarget.value;
          void navigate({ search: value ? { q: value } : {}, replace: true });
        }}
        maw={360}
      />
      {list.isPending ? (
        <RoutePending />
      ) : list.isError ? (
        <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Text aria-live="polite">{t('count', { count: items.length })}</Text>
          <ScrollTable label={t('title')} minWidth={640}>
            <Table striped highlightOnHover withTableBorder>
              <Table.Caption className="visually-hidden">{t('title')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('columns.title')}</Table.Th>
                  <Table.Th scope="col">{t('columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('columns.parties')}</Table.Th>
                  <Table.Th scope="col">{t('columns.mou')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr key={p.partnershipId}>
                    <Table.Th scope="row" fw={400}>
                      <Link
                        to="/app/partnerships/$partnershipId"
                        params={{ partnershipId: p.partnershipId }}
                      >
                        {p.title}
                      </Link>
                    </Table.Th>
                    <Table.Td>
                      <Badge
                        variant="filled"
                        color={
                          p.status === 'active'
                            ? '#1b5e20'
                            : p.status === 'terminated'
                              ? 'gray.8'
                              : 'blue.8'
                        }
                      >
                        {t(`status.${p.status}`)}
                      </Badge>
                      {p.overdue && (
                        <Text size="sm" c="red.9">
                          {t('overdue')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {p.parties
                        .map(
                          (party) =>
                            `${names.get(party.institutionId) ?? party.institutionId} (${t(`partyRole.${party.role}`)})`,
                        )
                        .join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {p.mou
                        ? t('mouSummary', {
                            version: p.mou.version,
                            status: t(`mouStatus.${p.mou.status}`),
                            from: formatDay(p.mou.content.validFrom, lng),
                            until: formatDay(p.mou.content.validUntil, lng),
                          })
                        : t('noMou')}
                    </Table.Td>
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
