import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../shared/index.ts';
import { AlertBanner, AlertList } from './features/alerts/Alerts.tsx';
import { AuditLog } from './features/audit/AuditLog.tsx';
import { GateList } from './features/gates/GateList.tsx';
import { Lookup } from './features/lookup/Lookup.tsx';
import { MyTrucks } from './features/mine/MyTrucks.tsx';
import { NoticeList } from './features/notices/NoticeList.tsx';
import { TradePanel } from './features/trade/TradePanel.tsx';
import { Worklist } from './features/worklist/Worklist.tsx';
import { ProceduresPanel } from './features/procedures/ProceduresPanel.tsx';
import { CustomsImport } from './features/customs/CustomsImport.tsx';
import { PastMoment } from './features/past/PastMoment.tsx';
import { BulletinPanel } from './features/bulletin/BulletinPanel.tsx';
import { useAlerts, useNotices, useSession, useStores, useView, type Tab } from './stores/index.tsx';
import { Tabs } from './ui/Tabs.tsx';

// The side panel: tabs by role. Everyone: gates and notices. Operators: alerts, look-up, audit log.
// Operators also: trade against plan (kim ngạch). Everyone: gate history. Border forces: their worklist. Enterprises: their own trucks. The public board has no more.

// The history charts bring the chart library: loaded on first use, so the public board starts light.
const HistoryPanel = lazy(() => import('./features/history/HistoryPanel.tsx').then((m) => ({ default: m.HistoryPanel })));

const TABS_BY_ROLE: Record<Role | 'public', readonly Tab[]> = {
  public: ['gates', 'notices', 'history', 'bulletin'],
  operator: ['gates', 'notices', 'alerts', 'trade', 'history', 'bulletin', 'lookup', 'procedures', 'customs', 'audit'],
  border_force: ['worklist', 'gates', 'notices', 'history'],
  enterprise: ['mine', 'gates', 'notices', 'history'],
};

/** Ten tabs do not fit one row at 1366 px: an operator's tabs come in three groups (a row of groups, then the
 *  group's tabs), so the navigation keeps its place when badges appear. Other roles have at most five. */
export type TabGroup = 'watch' | 'reports' | 'manage';
const OPERATOR_GROUPS: readonly { id: TabGroup; tabs: readonly Tab[] }[] = [
  { id: 'watch', tabs: ['gates', 'alerts', 'notices', 'lookup'] },
  { id: 'reports', tabs: ['trade', 'history', 'bulletin'] },
  { id: 'manage', tabs: ['procedures', 'customs', 'audit'] },
];

const PANES: Record<Tab, () => ReactNode> = {
  gates: () => <GateList />,
  notices: () => <NoticeList />,
  alerts: () => <AlertList />,
  lookup: () => <Lookup />,
  audit: () => <AuditLog />,
  worklist: () => <Worklist />,
  mine: () => <MyTrucks />,
  trade: () => <TradePanel />,
  history: () => <HistoryPanel />,
  procedures: () => <ProceduresPanel />,
  customs: () => <CustomsImport />,
  bulletin: () => <BulletinPanel />,
};

export function SidePanel() {
  const { t } = useTranslation();
  const stores = useStores();
  const role = useSession((s) => s.user?.role ?? 'public');
  const tab = useView((s) => s.tab);
  const alertCount = useAlerts((s) => s.list.length);
  const activeNotices = useNotices((s) => Object.values(s.byId).filter((n) => n.active).length);
  const force = useSession((s) => s.user?.force);
  // Customs officers also import their own system's results.
  const tabs = role === 'border_force' && force === 'customs' ? [...TABS_BY_ROLE[role], 'customs' as const] : TABS_BY_ROLE[role];
  const current: Tab = tabs.includes(tab) ? tab : (tabs[0] ?? 'gates');

  // A role's own work comes first: land on it when someone signs in.
  // After signing in again (an ended session), back on the screen the user was on.
  useEffect(() => {
    const view = stores.view.getState();
    const resume = view.resumeTab;
    if (resume && role !== 'public') view.setResumeTab(null);
    view.setTab(resume && role !== 'public' && TABS_BY_ROLE[role].includes(resume) ? resume : (TABS_BY_ROLE[role][0] ?? 'gates'));
  }, [role, stores]);

  const count = (n: number, tone: string) => (n > 0 ? <span className={`tabs__count tabs__count--${tone}`}>{n}</span> : undefined);
  const groups = role === 'operator' ? OPERATOR_GROUPS : undefined;
  const group = groups?.find((g) => g.tabs.includes(current));
  const shown = group ? group.tabs : tabs;
  return (
    <div className={`side-panel side-panel--${current}`}>
      {role === 'operator' && <AlertBanner />}
      <PastMoment />
      {groups && group && (
        <nav className="tab-groups" aria-label={t('tabs.groupsLabel')}>
          {groups.map((g) => (
            <button
              key={g.id}
              type="button"
              className="tab-groups__group"
              aria-current={g.id === group.id ? 'true' : undefined}
              data-testid={`tab-group-${g.id}`}
              onClick={() => g.id !== group.id && stores.view.getState().setTab(g.tabs[0] ?? 'gates')}
            >
              {t(`tabs.groups.${g.id}`)}
              {g.id === 'watch' && g.id !== group.id ? count(alertCount, 'danger') : undefined}
            </button>
          ))}
        </nav>
      )}
      <Tabs
        label={group ? t(`tabs.groups.${group.id}`) : t('tabs.label')}
        value={current}
        onChange={(value) => stores.view.getState().setTab(value)}
        items={shown.map((value) => ({
          value,
          text: t(`tabs.${value}`),
          badge: value === 'alerts' ? count(alertCount, 'danger') : value === 'notices' ? count(activeNotices, 'warn') : undefined,
        }))}
      />
      <div className="side-panel__body" role="tabpanel" aria-label={t(`tabs.${current}`)}>
        <Suspense fallback={<p className="report__muted">{t('common.loading')}</p>}>{PANES[current]()}</Suspense>
      </div>
    </div>
  );
}
