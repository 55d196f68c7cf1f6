import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { useFormat } from '../../format/useFormat';
import classes from './overview.module.css';

/** Mobilities per partnership: the partnership → its page, the count → the filtered list. */
export function PartnershipTable({
  perPartnership,
}: {
  perPartnership: Overview['perPartnership'];
}) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  if (perPartnership.length === 0) return <Text>{t('perPartnership.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={280} mah={400}>
      <Table>
        <caption className="visually-hidden">{t('perPartnership.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('perPartnership.partnership')}</Table.Th>
            <Table.Th scope="col" className={classes.numeric}>
              {t('perPartnership.count')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {perPartnership.map(({ partnershipId, title, count }) => {
            const name = title ?? partnershipId;
            return (
              <Table.Tr key={partnershipId}>
                <Table.Th scope="row" fw="normal">
                  <AnchorLink to="/app/partnerships/$partnershipId" params={{ partnershipId }}>
                    {name}
                  </AnchorLink>
                </Table.Th>
                <Table.Td className={classes.numeric}>
                  <AnchorLink
                    to="/app/mobilities"
                    search={{ partnershipId }}
                    data-testid={`count-partnership-${partnershipId}`}
                    aria-label={`${name}: ${f.number(count)}`}
                  >
                    {f.number(count)}
                  </AnchorLink>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
