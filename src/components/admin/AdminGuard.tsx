/** Shows an administration page only to administrators (the server checks every call as well). */
import { Result } from 'antd';
import React from 'react';
import { useSession } from '@/layouts/session';

/** Renders children for administrators, a 403 notice for everyone else. */
export default function AdminGuard({ children }: { children: React.ReactNode }) {
  const { access } = useSession();
  if (!access.isAdmin) return <Result status="403" title="无权访问" subTitle="仅系统管理员可以使用系统管理功能" />;
  return <>{children}</>;
}
