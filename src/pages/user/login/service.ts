/** Grouping of the demo county's people for the login page. */
import type { DemoUser } from '@/services/auth';

/** A group of people shown together on the login page. */
export interface PeopleGroup {
  key: string;
  title: string;
  people: DemoUser[];
}

/** Groups people as a visitor thinks of them: county leaders, the offices, then the handling units. */
export function groupPeople(users: DemoUser[]): PeopleGroup[] {
  const groups = new Map<string, PeopleGroup>();
  const add = (key: string, title: string, user: DemoUser) => {
    if (!groups.has(key)) groups.set(key, { key, title, people: [] });
    groups.get(key)!.people.push(user);
  };
  for (const u of users) {
    if (u.capabilities.includes('leader')) add('leaders', '县领导', u);
    else if (u.capabilities.includes('admin')) add('admin', '系统管理', u);
    else if (u.handlesUnit) add('units', '承办单位（县直部门、乡镇）', u);
    else add(`unit:${u.unitId}`, u.unitName, u);
  }
  // Handling units last: they are the longest list.
  const list = [...groups.values()];
  return [...list.filter((g) => g.key !== 'units' && g.key !== 'admin'), ...list.filter((g) => g.key === 'units'), ...list.filter((g) => g.key === 'admin')];
}

/** Whether a person matches the search text (name, unit, title or role). */
export function matches(user: DemoUser, text: string): boolean {
  const q = text.trim();
  if (!q) return true;
  return [user.name, user.unitName, user.title, ...user.roleNames].some((s) => s.includes(q));
}
