/** The current user at the top right: name and title; a click opens who they are and 退出登录. */
import { LogoutOutlined } from '@ant-design/icons';
import React, { useEffect, useRef, useState } from 'react';
import type { CurrentUser } from '@/services/auth';

/** The user button with its small menu. */
export default function UserMenu({ user, compact, onLogout }: { user: CurrentUser; compact?: boolean; onLogout: () => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="duban-user-box" ref={box}>
      <button type="button" className="duban-user" data-testid="current-user" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="duban-avatar" aria-hidden>
          {user.name.slice(-2)}
        </span>
        <span className="duban-user-name">{user.name}</span>
        {!compact && <span className="duban-user-title">{user.title}</span>}
      </button>
      {open && (
        <div className="duban-user-menu" role="menu">
          <div className="duban-user-detail">
            <div className="duban-user-detail-name">{user.name}</div>
            <div>
              {user.unitName} · {user.title}
            </div>
            <div>{user.roleNames.join('、')}</div>
          </div>
          <button
            type="button"
            role="menuitem"
            className="duban-user-logout"
            onClick={() => {
              setOpen(false);
              onLogout();
            }}
          >
            <LogoutOutlined /> 退出登录
          </button>
        </div>
      )}
    </div>
  );
}
