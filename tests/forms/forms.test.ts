import { describe, expect, it } from 'vitest';
import { findField, lintForm, listFields, loadForms } from '../../src/forms';

const forms = loadForms();

describe('the forms shipped in forms/', () => {
  it('given the forms folder, when loaded, then every key the procedures need is there', () => {
    const expected = [
      'registration', 'decomposition', 'inspection-plan', 'inspection-notice', 'inspection-letter', 'proposal',
      'approval', 'urge-record', 'progress-report', 'handling-result', 'review', 'verification', 'revisit',
      'case-report', 'inspection-report', 'special-report', 'circular', 'research-topic', 'research-plan',
      'research-report', 'order-request', 'order', 'minutes', 'supervision-letter', 'extension-request', 'reply',
      'summary-report', 'evaluation-plan', 'evaluation-score', 'evaluation-review', 'archive-list', 'seal-request',
    ];
    expect([...forms.keys()].sort()).toEqual([...expected].sort());
  });

  it.each([...forms.keys()])('given forms/%s.json, when linted, then no problem is reported', (key) => {
    expect(lintForm(forms.get(key)!)).toEqual([]);
  });

  it('given the field names shared with the diagrams, when the schemas are read, then each one exists', () => {
    const shared: Record<string, string[]> = {
      registration: ['title', 'source', 'sourceDetail', 'instructingLeader', 'receivedDate', 'assignedDate', 'upperLevel',
        'publicComplaint', 'domain', 'units', 'leadUnit', 'deadline', 'content', 'attachments', 'caseNo'],
      decomposition: ['items'],
      'inspection-plan': ['needOnSite'],
      proposal: ['mode'],
      approval: ['outcome'],
      review: ['outcome', 'needVerify', 'reasons'],
      revisit: ['solved', 'satisfied', 'visitedPerson', 'method'],
      'urge-record': ['method', 'note', 'date'],
      'extension-request': ['reason', 'requestedDeadline', 'proposedDeadline', 'currentDeadline', 'progress'],
      order: ['targetTask', 'responsibility', 'requirements', 'deadline', 'units', 'domain', 'docNo'],
      minutes: ['meetingDate', 'meetingNo', 'decisions'],
      reply: ['issuer', 'answers', 'evidence'],
      'research-topic': ['year', 'half', 'topics'],
      'research-report': ['leaderInstruction'],
      circular: ['kind', 'praisedUnits', 'criticisedUnits', 'rectification', 'accountability', 'docNo'],
      'evaluation-plan': ['year', 'indicators'],
      'archive-list': ['materials'],
    };
    for (const [key, names] of Object.entries(shared)) {
      const present = listFields(forms.get(key)!.schema).map((f) => f.name);
      for (const name of names) expect(present, `${key}.${name}`).toContain(name);
    }
    const rows = findField(forms.get('decomposition')!.schema, 'items')!.rows!.map((f) => f.name);
    expect(rows).toEqual(['title', 'units', 'leadUnit', 'deadline', 'requirement']);
  });

  it('given the decisions with fixed values, when their options are read, then the values are exactly the agreed ones', () => {
    const values = (key: string, field: string) =>
      (findField(forms.get(key)!.schema, field)!.node.enum as { value: unknown }[]).map((o) => o.value);
    expect(values('review', 'outcome')).toEqual(['通过', '重办', '补办']);
    expect(values('approval', 'outcome')).toEqual(['同意', '不同意']);
    expect(values('proposal', 'mode')).toEqual(['转办', '协办', '自办']);
    expect(values('urge-record', 'method')).toEqual(['phone', 'notice', 'visit']);
    expect(values('revisit', 'satisfied')).toEqual(['满意', '基本满意', '不满意']);
    expect(values('circular', 'kind')).toEqual(['表扬', '批评', '整改', '追责建议']);
    expect(values('registration', 'source')).toEqual([
      'P1.S1', 'P1.S2', 'P1.S3', 'P1.S4', 'P1.S5', 'P2.S1', 'P2.S2', 'P2.S3', 'P2.S4', 'P5.S1', 'P5.S2', 'P5.S3', 'P5.S4',
    ]);
  });

  it('given the numbered documents, when their definitions are read, then each carries a read-only docNo', () => {
    const numbered = [...forms.values()].filter((f) => ['督查通知', '督查函', '督查通报', '督办令', '督办函'].includes(f.document ?? ''));
    expect(numbered.map((f) => f.key).sort()).toEqual(['circular', 'inspection-letter', 'inspection-notice', 'order', 'supervision-letter']);
    for (const f of numbered) expect(findField(f.schema, 'docNo')?.readOnly).toBe(true);
  });
});
