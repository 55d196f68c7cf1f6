import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './DiffTable.module.css';
import { showValue, type DiffRow } from './version-diff';
import { ScrollTable } from './ScrollTable';

/**
 * The changed fields of two versions, side by side: each row says in words whether the field was
 * changed, added or removed (colour only repeats it), with the value before and after.
 */
export function DiffTable({
  rows,
  fromLabel,
  toLabel,
}: {
  rows: DiffRow[];
  fromLabel: string;
  toLabel: string;
}) {
  const { t } = useTranslation('mobility');
  const cell = (value: unknown) => {
    const shown = showValue(value);
    return shown.kind === 'text' ? shown.text : t(`diff.value.${shown.kind}`);
  };
  return (
    <div data-testid="diff">
      <Text mt="xs" aria-live="polite">
        {rows.length === 0
          ? t('diff.same')
          : t('diff.count', { count: rows.length, from: fromLabel, to: toLabel })}
      </Text>
      {rows.length > 0 && (
        <ScrollTable label={t('diff.caption', { from: fromLabel, to: toLabel })} minWidth={560}>
          <Table withTableBorder withColumnBorders className={classes.table}>
            <Table.Caption>{t('diff.caption', { from: fromLabel, to: toLabel })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('diff.field')}</Table.Th>
                <Table.Th scope="col">{t('diff.change')}</Table.Th>
                <Table.Th scope="col">{fromLabel}</Table.Th>
                <Table.Th scope="col">{toLabel}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.path} data-change={row.kind}>
                  <Table.Th scope="row">
                    <code className={classes.path}>{row.path}</code>
                  </Table.Th>
                  <Table.Td>
                    <Badge
                      variant="outline"
                      color={
                        row.kind === 'removed'
                          ? '#b02525'
                          : row.kind === 'added'
                            ? '#1b5e20'
                            : '#1864ab'
                      }
                    >
                      {t(`diff.kind.${row.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td className={classes.before}>
                    {'before' in row ? (
                      <del className={classes.value}>{cell(row.before)}</del>
                    ) : (
                      t('diff.value.absent')
                    )}
                  </Table.Td>
                  <Table.Td className={classes.after}>
                    {'after' in row ? (
                      <ins className={classes.value}>{cell(row.after)}</ins>
                    ) : (
                      t('diff.value.absent')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </div>
  );
}
