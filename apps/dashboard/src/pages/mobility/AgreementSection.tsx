import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../format/format';
import type { MobilityActions } from './permissions';
import { agreementPdf, agreementVersionQuery } from './queries';
import { Signatories } from './Signatories';
import type { MobilityView } from './types';
import { VersionDiff } from './VersionDiff';
import { ScrollTable } from './ScrollTable';

interface Props {
  mobility: MobilityView;
  actions: MobilityActions;
  past: boolean;
  /** As of a moment: signatures made after it are not shown. */
  cutoff?: string;
}

/** The Learning Agreement: every version (drafted when, why, signed by whom), signatories, diff. */
export function AgreementSection({ mobility, actions, past, cutoff }: Props) {
  const { t, i18n } = useTranslation('mobility');
  const agreement = mobility.agreement;
  const count = agreement?.versionHashes.length ?? 0;
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const versions = useQueries({
    queries: numbers.map((v) => agreementVersionQuery(mobility.mobilityId, v)),
  });
  const lng = i18n.language;

  return (
    <section aria-labelledby="agreement">
      <Title order={2} id="agreement">
        {t('agreement.title')}
      </Title>
      {!agreement ? (
        <Text>{t('agreement.none')}</Text>
      ) : (
        <Stack gap="md">
          <Text>
            {t('agreement.current', { version: agreement.version })}{' '}
            {agreement.fullySigned
              ? t('agreement.fullySigned')
              : agreement.declinedBy
                ? t('agreement.declined', { role: t(`role.${agreement.declinedBy.role}`) })
                : t('agreement.awaiting')}
          </Text>
          <ScrollTable label={t('agreement.versionsCaption')} minWidth={560}>
            <Table striped withTableBorder>
              <Table.Caption>{t('agreement.versionsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('agreement.version')}</Table.Th>
                  <Table.Th scope="col">{t('agreement.drafted')}</Table.Th>
                  <Table.Th scope="col">{t('agreement.reason')}</Table.Th>
                  <Table.Th scope="col">{t('agreement.signedBy')}</Table.Th>
                  <Table.Th scope="col">{t('agreement.document')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {numbers.map((v, i) => {
                  const doc = versions[i]?.data;
                  const signed = (doc?.signatures ?? [])
                    .filter((s) => s.type === 'LearningAgreementSigned')
                    .filter((s) => cutoff === undefined || s.signedAt <= cutoff)
                    .map((s) => t(`role.${s.role}`));
                  return (
                    <Table.Tr key={v}>
                      <Table.Th scope="row">{t('agreement.versionN', { version: v })}</Table.Th>
                      <Table.Td>{doc ? formatInstant(doc.draftedAt, lng) : '…'}</Table.Td>
                      <Table.Td>
                        {doc?.amendmentReason ?? (v === 1 ? t('agreement.first') : '—')}
                      </Table.Td>
                      <Table.Td>
                        {doc ? signed.join(', ') || t('agreement.noSignatures') : '…'}
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={agreementPdf(mobility.mobilityId, v, lng)}>
                          {t('agreement.pdf', { version: v })}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Signatories mobility={mobility} actions={actions} past={past} />
          {count >= 2 && <VersionDiff mobilityId={mobility.mobilityId} count={count} />}
        </Stack>
      )}
    </section>
  );
}
