import { z } from 'zod';
import type { EscalationRows } from './escalation-queue.js';
import type { Store } from './port.js';
import { BfReference, EscalationRow, KakaoCursor, readRow, type OnInvalidRow } from './schemas.js';

/**
 * Collections Smile kept in the generic `documents` before they had typed homes. A store moves them when it opens,
 * so an upgrade keeps the agent queue, open handoffs and channel references; what does not parse stays where it was.
 */
export const LEGACY_COLLECTIONS = ['escalations', 'escalation_open', 'escalation_claims', 'bf_references', 'kakao_cursor'];

export interface LegacyDocument {
  collection: string;
  id: string;
  doc: unknown;
}

const OpenMarker = z.object({ id: z.string().min(1) });
const Claim = z.object({ by: z.string().min(1) });

/** Writes each legacy document to its typed collection (idempotently: a move cut short is redone); returns the moved ones. */
export async function moveLegacyDocuments(
  documents: LegacyDocument[],
  to: { escalations: EscalationRows; channelState: Store['channelState'] },
  onInvalid: OnInvalidRow,
  clock: () => Date = () => new Date(),
): Promise<LegacyDocument[]> {
  const moved: LegacyDocument[] = [];
  for (const d of documents) {
    const where = { collection: `legacy ${d.collection}`, id: d.id };
    let ok = false;
    if (d.collection === 'escalations') {
      const row = readRow(EscalationRow, d.doc, where, onInvalid);
      if (row) await to.escalations.put(row);
      ok = row !== null;
    } else if (d.collection === 'escalation_open') {
      const marker = readRow(OpenMarker, d.doc, where, onInvalid);
      if (marker) await to.escalations.insertOpen(d.id, marker.id);
      ok = marker !== null;
    } else if (d.collection === 'escalation_claims') {
      // The old claim did not record when; the escalation's own claimedAt does, so the move time stands in here.
      const claim = readRow(Claim, d.doc, where, onInvalid);
      if (claim) await to.escalations.insertClaim(d.id, claim.by, clock().toISOString());
      ok = claim !== null;
    } else if (d.collection === 'bf_references') {
      const reference = readRow(BfReference, d.doc, where, onInvalid);
      if (reference) await to.channelState.put('bf_reference', d.id, reference);
      ok = reference !== null;
    } else if (d.collection === 'kakao_cursor') {
      const cursor = readRow(KakaoCursor, d.doc, where, onInvalid);
      if (cursor) await to.channelState.put('kakao_cursor', d.id, cursor);
      ok = cursor !== null;
    }
    if (ok) moved.push(d);
  }
  return moved;
}
