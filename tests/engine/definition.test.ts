import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/engine/definition';

const valid = readFileSync(new URL('./elements/fixtures/start-end.bpmn', import.meta.url), 'utf8');
const CHINESE = /[\u4e00-\u9fff]/;

describe('loading a diagram', () => {
  it('given a valid diagram, then every process compiles with the requested version', async () => {
    const { models, problems } = await parseDefinition(valid, { version: 3 });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(models.map((m) => [m.key, m.version])).toEqual([
      ['start-end', 3],
      ['straight-through', 3],
    ]);
    expect(models[0].elements.register).toMatchObject({ type: 'userTask', assignment: { type: 'user', value: '=initiator' }, formKey: 'registration' });
  });

  it('given a DOCTYPE with an ENTITY, then it is refused with xml-doctype before parsing', async () => {
    const xxe = valid.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>',
    ).replace('name="登记"', 'name="&xxe;"');
    const { models, problems } = await parseDefinition(xxe);
    expect(models).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: 'xml-doctype', severity: 'error', message: expect.stringMatching(CHINESE) })]);
  });

  it('given a lone ENTITY declaration, then it is refused too', async () => {
    const { problems } = await parseDefinition(`<!ENTITY a "b">${valid}`);
    expect(problems.map((p) => p.code)).toEqual(['xml-doctype']);
  });

  it('given invalid XML, then it is refused with a Chinese message', async () => {
    const { models, problems } = await parseDefinition('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process');
    expect(models).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'xml-invalid', severity: 'error' });
    expect(problems[0].message).toMatch(CHINESE);
  });

  it('given an empty file, then it is refused with a Chinese message', async () => {
    const { models, problems } = await parseDefinition('   ');
    expect(models).toEqual([]);
    expect(problems[0].message).toMatch(CHINESE);
  });

  it('given a diagram with problems, then it yields no models, only the problems', async () => {
    const broken = valid.replace(' duban:assignee="=initiator"', '');
    const { models, problems } = await parseDefinition(broken);
    expect(models).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'register', severity: 'error', message: expect.stringMatching(CHINESE) }));
  });

  it('given a process without a start event, then it yields no models', async () => {
    const noStart = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://duban.gov.cn/test">
  <bpmn:process id="p" name="无开始" isExecutable="true">
    <bpmn:endEvent id="end" name="办结" />
  </bpmn:process>
</bpmn:definitions>`;
    const { models, problems } = await parseDefinition(noStart, { skipLint: true });
    expect(models).toEqual([]);
    expect(problems.map((p) => p.code)).toContain('no-start-event');
  });
});
