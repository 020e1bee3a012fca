import React from 'react';
import PageTitle from '@/components/PageTitle';

/** Placeholder. */
export default function Page() {
  return <PageTitle title="建设中" />;
}
