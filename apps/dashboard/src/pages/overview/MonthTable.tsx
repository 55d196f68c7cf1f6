import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Overview } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { monthRange } from '../../format/format';
import { useFormat } from '../../format/useFormat';
import classes from './overview.module.css';

/** The chart's figures as a table (the accessible alternative), each count a link to that month. */
export function MonthTable({ perMonth }: { perMonth: Overview['perMonth'] }) {
  const { t } = useTranslation('overview');
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={240} mah={320}>
      <Table>
        <caption className="visually-hidden">{t('perMonth.caption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('perMonth.month')}</Table.Th>
            <Table.Th scope="col" className={classes.numeric}>
              {t('perMonth.count')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {perMonth.map(({ month, count }) => {
            const range = monthRange(month);
            return (
              <Table.Tr key={month}>
                <Table.Th scope="row" fw="normal">
                  {f.month(month)}
                </Table.Th>
                <Table.Td className={classes.numeric}>
                  <AnchorLink
                    to="/app/mobilities"
                    search={range ?? {}}
                    data-testid={`count-month-${month}`}
                    aria-label={`${f.month(month)}: ${f.number(count)}`}
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
