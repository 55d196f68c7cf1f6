import type { ReadModelDb } from '../read-models/read-model-documents';
import { Streams } from '../streams';

/** A read-model document that holds a learner's personal data, and the school it belongs to. */
export interface LearnerDocument {
  /** The stream it is the projection of: `Mobility-<id>` or `Call-<id>`. */
  stream: string;
  kind: 'mobilities' | 'calls';
  id: string;
  /** The sending school: of the mobility, or of the call the learner applied to. */
  sendingInstitutionId: string | undefined;
}

/**
 * The read-model documents that name a learner: their mobilities (`doc.learner.learnerId`) and the
 * calls they applied to (`doc.applications[].learner.learnerId`). The learner's id is not personal
 * data (only a pseudonym): it stays in the documents after an erasure, so this finds them again.
 * Eventually consistent, as the read models are.
 */
export async function learnerDocuments(
  db: ReadModelDb,
  learnerId: string,
): Promise<LearnerDocument[]> {
  // Containment (@>) uses the documents' GIN index.
  const { rows } = await db.query<{ kind: string; id: string; sending: string | null }>(
    `SELECT kind, id,
            COALESCE(doc->'sendingInstitution'->>'institutionId', doc->>'sendingInstitutionId')
              AS sending
       FROM ecvet_read_models
      WHERE (kind = 'mobilities' AND doc @> $1::jsonb)
         OR (kind = 'calls' AND doc @> $2::jsonb)
      ORDER BY kind, id`,
    [
      JSON.stringify({ learner: { learnerId } }),
      JSON.stringify({ applications: [{ learner: { learnerId } }] }),
    ],
  );
  return rows.map((r) => {
    const kind = r.kind === 'calls' ? 'calls' : 'mobilities';
    return {
      stream: kind === 'calls' ? Streams.call(r.id) : Streams.mobility(r.id),
      kind,
      id: r.id,
      sendingInstitutionId: r.sending ?? undefined,
    };
  });
}
