import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';

/** The next 14 days' deadlines (learner → the mobility, what is due, when). */
export function DeadlinesTable({ deadlines }: { deadlines: Overview['deadlines'] }) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  if (deadlines.items.length === 0) return <Text>{t('deadlines.none')}</Text>;
  return (
    <>
      <Table.ScrollContainer minWidth={320}>
        <Table striped>
          <caption className="visually-hidden">{t('deadlines.caption')}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('deadlines.learner')}</Table.Th>
              <Table.Th scope="col">{t('deadlines.kind')}</Table.Th>
              <Table.Th scope="col">{t('deadlines.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deadlines.items.map((item) => (
              <Table.Tr
                key={`${item.mobilityId}-${item.kind}-${item.due}`}
                data-testid="deadline-row"
              >
                <Table.Td>
                  <AnchorLink
                    to="/app/mobilities/$mobilityId"
                    params={{ mobilityId: item.mobilityId }}
                    search={{}}
                  >
                    {item.learnerName ?? `${t('common:notDisclosed')} (${item.mobilityId})`}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>{t(`common:deadlineKind.${item.kind}`)}</Table.Td>
                <Table.Td>
                  <time dateTime={item.due}>{f.day(item.due)}</time>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deadlines.total > deadlines.items.length && (
        <Text size="sm" mt="xs">
          {t('deadlines.more', { shown: deadlines.items.length, count: deadlines.total })}
        </Text>
      )}
    </>
  );
}
