import { Badge, Table, Text, UnstyledButton } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import {
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MobilityRow } from '../../api/types';
import { AnchorLink } from '../../components/AnchorLink';
import { PhaseBadge } from '../../components/PhaseBadge';
import { useFormat } from '../../format/useFormat';
import { nextSort, sortOf, type SortField } from './search';
import classes from './mobilities.module.css';

const route = getRouteApi('/app/mobilities');
const features = tableFeatures({ rowSortingFeature });
const column = createColumnHelper<typeof features, MobilityRow>();

type Format = ReturnType<typeof useFormat>;

/** Column id → the API's sort field (the others are not sortable). */
const SORTABLE: Partial<Record<string, SortField>> = {
  learner: 'learner',
  phase: 'phase',
  plannedStart: 'start',
  updatedAt: 'updated',
};

function columnsFor(t: TFunction<'mobilities'>, f: Format) {
  return column.columns([
    column.accessor('learnerName', {
      id: 'learner',
      header: () => t('table.learner'),
      cell: ({ row }) => (
        <AnchorLink
          to="/app/mobilities/$mobilityId"
          params={{ mobilityId: row.original.mobilityId }}
          search={{}}
          fw={500}
        >
          {row.original.learnerName ?? `${t('common:notDisclosed')} (${row.original.mobilityId})`}
        </AnchorLink>
      ),
    }),
    column.accessor('phase', {
      header: () => t('table.phase'),
      cell: ({ row }) => (
        <span className={classes.phaseCell}>
          <PhaseBadge phase={row.original.phase} />
          {row.original.overdue && (
            <Badge color="red.9" variant="filled" size="sm">
              {t('table.overdue')}
            </Badge>
          )}
        </span>
      ),
    }),
    column.accessor('hostCountry', {
      header: () => t('table.hostCountry'),
      cell: ({ getValue }) => getValue() ?? t('common:none'),
    }),
    column.accessor('plannedStart', {
      header: () => t('table.plannedStart'),
      cell: ({ getValue }) => dayCell(getValue(), f, t),
    }),
    column.accessor('plannedEnd', {
      header: () => t('table.plannedEnd'),
      cell: ({ getValue }) => dayCell(getValue(), f, t),
    }),
    column.accessor('waitingFor', {
      header: () => t('table.waitingFor'),
      cell: ({ getValue }) =>
        getValue().length > 0
          ? getValue()
              .map((role) => t(`common:signatory.${role}`))
              .join(', ')
          : t('common:none'),
    }),
    column.accessor('nextDeadline', {
      header: () => t('table.nextDeadline'),
      cell: ({ getValue }) => {
        const next = getValue();
        return next ? (
          <>
            {t(`common:deadlineKind.${next.kind}`)},{' '}
            <time dateTime={next.due}>{f.dayShort(next.due)}</time>
          </>
        ) : (
          t('common:none')
        );
      },
    }),
    column.accessor('updatedAt', {
      header: () => t('table.updated'),
      cell: ({ getValue }) => <time dateTime={getValue()}>{f.instant(getValue())}</time>,
    }),
  ]);
}

function dayCell(day: string | null, f: Format, t: TFunction<'mobilities'>) {
  return day ? <time dateTime={day}>{f.dayShort(day)}</time> : t('common:none');
}

/**
 * The page of rows, sorted by the API (the sort is in the URL: a header click navigates). Each
 * sortable header is a button; the header cell carries aria-sort.
 */
export function MobilitiesTable({ rows }: { rows: MobilityRow[] }) {
  const { t } = useTranslation('mobilities');
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const columns = useMemo(() => columnsFor(t, f), [t, f]);
  const current = sortOf(search);
  const sorting: SortingState = current
    ? [
        {
          id: Object.keys(SORTABLE).find((id) => SORTABLE[id] === current.field) ?? '',
          desc: current.desc,
        },
      ]
    : [];

  const table = useTable({
    features,
    columns,
    data: rows,
    state: { sorting },
    manualSorting: true,
    getRowId: (row) => row.mobilityId,
  });

  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover>
        <caption className="visually-hidden">{t('table.caption')}</caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => {
                const field = SORTABLE[header.column.id];
                const sorted = header.column.getIsSorted();
                return (
                  <Table.Th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                    }
                  >
                    {field ? (
                      <UnstyledButton
                        className={classes.sortButton}
                        onClick={() =>
                          void navigate({
                            search: (s) => ({
                              ...s,
                              sort: nextSort(s.sort, field),
                              cursor: undefined,
                            }),
                          })
                        }
                      >
                        <table.FlexRender header={header} />
                        <span aria-hidden="true" className={classes.sortMark}>
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </UnstyledButton>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-testid="mobility-row" data-mobility-id={row.id}>
              {row.getAllCells().map((cell) => (
                <Table.Td key={cell.id}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns.length}>
                <Text>{t('table.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
