/**
 * The left menu: plain links grouped like a menu (a group shows its children under a
 * heading). Written by hand because antd's Menu (rc-menu, overflow measuring) would be
 * a quarter of what the 工作台 has to load.
 */
import React from 'react';
import { Link } from 'umi';

/** One entry of the menu; an entry with children is a group. */
export interface NavItem {
  key: string;
  icon: React.ReactNode;
  label: string;
  children?: NavItem[];
}

/** The menu; `collapsed` shows icons only (their names as tooltips). */
export default function SideNav({ items, selected, collapsed, onNavigate }: { items: NavItem[]; selected: string; collapsed?: boolean; onNavigate?: () => void }) {
  const link = (item: NavItem, nested = false) => (
    <li key={item.key} role="none">
      <Link
        to={item.key}
        role="menuitem"
        aria-current={item.key === selected ? 'page' : undefined}
        title={collapsed ? item.label : undefined}
        className={`duban-nav-item${item.key === selected ? ' is-selected' : ''}${nested && !collapsed ? ' is-nested' : ''}`}
        onClick={onNavigate}
      >
        <span className="duban-nav-icon">{item.icon}</span>
        {!collapsed && <span className="duban-nav-label">{item.label}</span>}
      </Link>
    </li>
  );
  return (
    <nav aria-label="主菜单">
      <ul role="menu" className={`duban-nav${collapsed ? ' is-collapsed' : ''}`}>
        {items.map((item) =>
          item.children ? (
            <li key={item.key} role="none" className="duban-nav-group">
              {!collapsed && (
                <div className="duban-nav-group-title">
                  <span className="duban-nav-icon">{item.icon}</span>
                  {item.label}
                </div>
              )}
              <ul role="group" aria-label={item.label}>
                {item.children.map((c) => link(c, true))}
              </ul>
            </li>
          ) : (
            link(item)
          ),
        )}
      </ul>
    </nav>
  );
}
