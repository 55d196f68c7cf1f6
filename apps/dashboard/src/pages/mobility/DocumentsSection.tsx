import { Anchor, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { agreementPdf, certificatePdf, transcriptPdf } from './queries';
import type { MobilityView } from './types';

/** The documents as PDF/A (in the page's language): agreement versions, transcript, certificate. */
export function DocumentsSection({ mobility }: { mobility: MobilityView }) {
  const { t, i18n } = useTranslation('mobility');
  const lng = i18n.language;
  const id = mobility.mobilityId;
  const versions = mobility.agreement?.versionHashes.length ?? 0;
  return (
    <section aria-labelledby="documents">
      <Title order={2} id="documents">
        {t('documents.title')}
      </Title>
      {versions === 0 && !mobility.transcriptId && !mobility.certificateId ? (
        <Text>{t('documents.none')}</Text>
      ) : (
        <List>
          {Array.from({ length: versions }, (_, i) => (
            <List.Item key={i}>
              <Anchor href={agreementPdf(id, i + 1, lng)}>
                {t('documents.agreement', { version: i + 1 })}
              </Anchor>
            </List.Item>
          ))}
          {mobility.transcriptId && (
            <List.Item>
              <Anchor href={transcriptPdf(id, lng)}>{t('documents.transcript')}</Anchor>
            </List.Item>
          )}
          {mobility.certificateId && (
            <List.Item>
              <Anchor href={certificatePdf(id, lng)}>{t('documents.certificate')}</Anchor>
            </List.Item>
          )}
        </List>
      )}
    </section>
  );
}
