/** The menu as a drawer from the left, on phones (loaded only at phone width). */
import { Drawer } from 'antd';
import React from 'react';

/** A left drawer holding the brand and the menu. */
export default function PhoneMenu({ open, onClose, children }: { open: boolean; onClose: () => void; children: React.ReactNode }) {
  return (
    <Drawer placement="left" open={open} onClose={onClose} width={232} closable={false} styles={{ body: { padding: 0, background: '#0f2d52' } }}>
      {children}
    </Drawer>
  );
}
