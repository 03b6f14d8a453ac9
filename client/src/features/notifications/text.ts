import type { TFunction } from 'i18next';
import type { LiveNotification } from '../../../../shared/index.ts';
import type { Formatters } from '../../i18n/format.ts';

// The sentence of a notification in the reader's language, from its kind and params (never sent prepared).

export function notificationText(n: LiveNotification, t: TFunction, f: Formatters, gateName: (id: string) => string): string {
  const gates = (ids: readonly string[]): string => ids.map(gateName).join(', ');
  switch (n.kind) {
    case 'notice_started':
    case 'notice_ended':
      return t(`notifications.kinds.${n.kind}`, {
        noticeId: n.params.noticeId,
        gates: gates(n.params.gateIds),
        direction: t(`direction.${n.params.direction}`),
        trucks: f.number(n.params.trucks),
        plates: n.params.plates.join(', ') + (n.params.trucks > n.params.plates.length ? ', …' : ''),
      });
    case 'check_rejected':
      return t('notifications.kinds.check_rejected', {
        force: t(`force.${n.params.force}`),
        plate: n.params.plate,
        declarationId: n.params.declarationId,
        gates: gateName(n.params.gateId),
        note: n.params.note ? t('notifications.notePrefix', { note: n.params.note }) : '',
      });
    case 'truck_cleared':
      return t('notifications.kinds.truck_cleared', { plate: n.params.plate, declarationId: n.params.declarationId, gates: gateName(n.params.gateId), time: f.dateTimeShort(n.params.clearedAt) });
    case 'worklist_threshold':
      return t('notifications.kinds.worklist_threshold', { force: t(`force.${n.params.force}`), gates: gateName(n.params.gateId), count: f.number(n.params.count), threshold: f.number(n.params.threshold) });
    case 'eta_moved':
      return t('notifications.kinds.eta_moved', { plate: n.params.plate, declarationId: n.params.declarationId, oldEta: f.dateTimeShort(n.params.oldEta), newEta: f.dateTimeShort(n.params.newEta) });
    case 'recommended_notice':
      return t('notifications.kinds.recommended_notice', {
        gates: gates(n.params.gateIds),
        direction: t(`direction.${n.params.direction}`),
        time: f.dateTimeShort(n.params.effectiveFrom),
        reason: n.params.reason,
      });
  }
}
