/**
 * The frame of every signed-in page: a left menu (a drawer on phones), the
 * product title, and the current user with 退出登录 at the top right.
 */
import {
  BarChartOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FileWordOutlined,
  LeftOutlined,
  MenuOutlined,
  PartitionOutlined,
  PlusCircleOutlined,
  ProfileOutlined,
  RightOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import React, { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'umi';
import type { Access } from '@/access';
import { useSession } from './session';
import SideNav, { type NavItem } from './SideNav';
import UserMenu from './UserMenu';
import './index.less';

// Kept out of the 工作台's bundle: the phone drawer, and antd's <App> that only the administration pages use.
const PhoneMenu = lazy(() => import('./PhoneMenu'));
const AntdAppShell = lazy(() => import('./AntdAppShell'));

/** Routes whose pages call antd's `App.useApp()`. */
const NEEDS_ANTD_APP = ['/admin'];

/** The left menu, filtered by what the user may open. */
export function menuItems(access: Access): NavItem[] {
  const items: (NavItem | null)[] = [
    { key: '/workbench', icon: <DesktopOutlined />, label: '工作台' },
    access.canStart ? { key: '/start', icon: <PlusCircleOutlined />, label: '发起事项' } : null,
    { key: '/ledger', icon: <ProfileOutlined />, label: '督查台账' },
    access.canSeeStats ? { key: '/stats', icon: <BarChartOutlined />, label: '统计分析' } : null,
    access.canReadSealRegister ? { key: '/seals', icon: <SafetyCertificateOutlined />, label: '用印登记簿' } : null,
    access.canSeeEvaluation ? { key: '/evaluation', icon: <TrophyOutlined />, label: '绩效评估' } : null,
    access.isAdmin
      ? {
          key: '/admin',
          icon: <SettingOutlined />,
          label: '系统管理',
          children: [
            { key: '/admin/processes', icon: <PartitionOutlined />, label: '流程设计' },
            { key: '/admin/forms', icon: <FileTextOutlined />, label: '表单管理' },
            { key: '/admin/templates', icon: <FileWordOutlined />, label: '公文模板' },
            { key: '/admin/calendar', icon: <CalendarOutlined />, label: '工作日历' },
            { key: '/admin/roles', icon: <TeamOutlined />, label: '角色配置' },
            { key: '/admin/backups', icon: <DatabaseOutlined />, label: '数据备份' },
            { key: '/admin/system-log', icon: <FileSearchOutlined />, label: '操作日志' },
          ],
        }
      : null,
  ];
  return items.filter((i): i is NavItem => i !== null);
}

/** The menu key of a path: /tasks/… and /items/… belong to the 工作台 unless opened from the ledger. */
function selectedKey(pathname: string): string {
  const keys = ['/workbench', '/start', '/ledger', '/stats', '/evaluation', '/seals', '/admin/processes', '/admin/forms', '/admin/templates', '/admin/calendar', '/admin/roles', '/admin/backups', '/admin/system-log'];
  return keys.find((k) => pathname === k || pathname.startsWith(`${k}/`)) ?? (pathname.startsWith('/items') ? '/ledger' : '/workbench');
}

function Brand({ compact }: { compact?: boolean }) {
  return (
    <div className="duban-brand">
      <span className="duban-brand-mark">督</span>
      {!compact && (
        <span className="duban-brand-text">
          督查督办平台
          <small>政府督查工作制度</small>
        </span>
      )}
    </div>
  );
}

const PHONE = '(max-width: 767px)';

/** Whether the screen is phone-sized, following rotations and resizes. */
function useIsPhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE);
    const update = () => setPhone(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return phone;
}

/**
 * The layout of every page except the login page. Plain elements and CSS: the frame is on
 * screen before every page, and antd's Layout and Grid would add their start-up cost to each.
 */
export default function BasicLayout() {
  const { user, loading, access, logout } = useSession();
  const location = useLocation();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // Mounted from the first opening on, so that closing still animates.
  const [drawerUsed, setDrawerUsed] = useState(false);
  const items = useMemo(() => menuItems(access), [access]);

  if (loading) {
    return (
      <div className="duban-fullscreen" role="status">
        <span className="duban-brand-mark">督</span>
        <span className="duban-muted">正在加载…</span>
      </div>
    );
  }
  if (!user) {
    const back = location.pathname + location.search;
    return <Navigate to={back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`} replace />;
  }

  const key = selectedKey(location.pathname);
  const menu = (compact: boolean) => <SideNav items={items} selected={key} collapsed={compact} onNavigate={() => setDrawerOpen(false)} />;

  return (
    <div className="duban-layout">
      {!isPhone && (
        <aside className={`duban-sider${collapsed ? ' is-collapsed' : ''}`}>
          <Brand compact={collapsed} />
          {menu(collapsed)}
          <button type="button" className="duban-sider-toggle" aria-label={collapsed ? '展开菜单' : '收起菜单'} onClick={() => setCollapsed(!collapsed)}>
            {collapsed ? <RightOutlined /> : <LeftOutlined />}
          </button>
        </aside>
      )}
      {isPhone && drawerUsed && (
        <Suspense fallback={null}>
          <PhoneMenu open={drawerOpen} onClose={() => setDrawerOpen(false)}>
            <Brand />
            {menu(false)}
          </PhoneMenu>
        </Suspense>
      )}
      <div className="duban-main">
        <header className="duban-header">
          <div className="duban-header-left">
            {isPhone && (
              <button
                type="button"
                className="duban-icon-button"
                aria-label="打开菜单"
                onClick={() => {
                  setDrawerUsed(true);
                  setDrawerOpen(true);
                }}
              >
                <MenuOutlined />
              </button>
            )}
            {isPhone ? <Brand /> : <span className="duban-header-title">清河县人民政府督查室</span>}
          </div>
          <UserMenu user={user} compact={isPhone} onLogout={logout} />
        </header>
        <main className="duban-content">
          {NEEDS_ANTD_APP.some((p) => location.pathname.startsWith(p)) ? (
            <Suspense fallback={<span className="duban-muted">正在加载…</span>}>
              <AntdAppShell>
                <Outlet />
              </AntdAppShell>
            </Suspense>
          ) : (
            <Outlet />
          )}
        </main>
      </div>
    </div>
  );
}
