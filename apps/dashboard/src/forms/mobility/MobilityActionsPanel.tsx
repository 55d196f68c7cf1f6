import type { ReactNode } from 'react';
import { Accordion, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MobilityActions } from '../../pages/mobility/permissions';
import type { MobilityView } from '../../pages/mobility/types';
import { useSession } from '../../session/session';
import { ActionNotices } from '../notices';
import { AmendAgreementForm, DraftAgreementForm, SignAgreementForm } from './AgreementForms';
import { FinalAssessmentForm } from './AssessmentForm';
import { CancelForm, CheckInForm, EndForm, StartForm, TranscriptForm } from './ProgressForms';
import { CertificateForm, CompleteForm, RecognitionForm, ValidationForm } from './RecognitionForms';

/**
 * The actions this account may take on the mobility now, each a form in an accordion item (the
 * most likely one open). Nothing at all for an auditor or when no action applies.
 */
export function MobilityActionsPanel({
  mobility,
  actions,
}: {
  mobility: MobilityView;
  actions: MobilityActions;
}) {
  const { t } = useTranslation('actions');
  const session = useSession();
  const side = session?.institutionId === mobility.host.institutionId ? 'host' : 'sending';
  const items: Array<[string, boolean, ReactNode]> = [
    [
      'sign',
      actions.signAs.length > 0,
      <SignAgreementForm mobility={mobility} roles={actions.signAs} handwritten={false} />,
    ],
    [
      'signHandwritten',
      actions.recordHandwritten.length > 0,
      <SignAgreementForm mobility={mobility} roles={actions.recordHandwritten} handwritten />,
    ],
    ['draft', actions.draft, <DraftAgreementForm mobility={mobility} />],
    ['start', actions.start, <StartForm mobility={mobility} />],
    ['checkIn', actions.checkIn, <CheckInForm mobility={mobility} side={side} />],
    ['assess', actions.assess, <FinalAssessmentForm mobility={mobility} />],
    ['end', actions.end, <EndForm mobility={mobility} />],
    ['transcript', actions.transcript, <TranscriptForm mobility={mobility} />],
    ['validate', actions.validate, <ValidationForm mobility={mobility} />],
    ['recognise', actions.recognise, <RecognitionForm mobility={mobility} />],
    ['certificate', actions.certificate, <CertificateForm mobility={mobility} />],
    ['complete', actions.complete, <CompleteForm mobility={mobility} />],
    ['amend', actions.amend, <AmendAgreementForm mobility={mobility} />],
    ['cancel', actions.cancel, <CancelForm mobility={mobility} />],
  ];
  const shown = items.filter(([, allowed]) => allowed);
  if (shown.length === 0) return <ActionNotices />;
  return (
    <section aria-labelledby="actions-title">
      <Title order={2} id="actions-title">
        {t('title')}
      </Title>
      <ActionNotices />
      <Accordion variant="separated" mt="xs" defaultValue={shown[0][0]} order={3}>
        {shown.map(([key, , form]) => (
          <Accordion.Item key={key} value={key}>
            <Accordion.Control>{t(`${key}.title`)}</Accordion.Control>
            <Accordion.Panel>{form}</Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
