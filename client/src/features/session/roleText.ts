import type { TFunction } from 'i18next';
import type { GateStatus, SessionUser } from '../../../../shared/index.ts';

// "Sở Công Thương" · "Hải quan · Tân Thanh" · "Doanh nghiệp · MST 4900123456".

export function roleText(t: TFunction, user: SessionUser, gate: GateStatus | undefined, lang: string): string {
  if (user.role === 'operator') return t('auth.role.operator');
  if (user.role === 'enterprise') return user.taxCode ? `${t('auth.role.enterprise')} · ${t('auth.taxCode', { code: user.taxCode })}` : t('auth.role.enterprise');
  const force = user.force ? t(`force.${user.force}`) : t('auth.role.border_force');
  const gateName = gate ? (lang === 'en' ? gate.name.en : gate.name.vi).replace(/^Cửa khẩu\s+(quốc tế\s+|chính\s+)?/iu, '') : user.gateId;
  return gateName ? `${force} · ${gateName}` : force;
}
