import { describe, expect, it } from 'vitest';
import { decodeDiagram, parseDefinition, type Problem } from '../../../src/engine';
import { unreadable } from '../support/chinese';
import { encodeGbk } from '../support/gbk';
import { deepFeel, gatewayLoop, nestedSubProcesses, taskChain, withCondition } from './generate';

const FORM_KEYS = ['approval'];
const LIMIT_MS = 15_000;

// Each hostile file: parsed within a time limit, no exception, refused (or accepted) with Chinese messages only.
async function load(xml: string): Promise<{ models: unknown[]; problems: Problem[]; ms: number }> {
  const started = performance.now();
  const result = await parseDefinition(xml, { formKeys: FORM_KEYS });
  return { ...result, ms: performance.now() - started };
}

function errorsOf(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

const small = withCondition('= outcome = "通过"');

describe('hostile and broken diagrams', () => {
  const refusals: [name: string, xml: string, code: string][] = [
    ['XXE (an external entity)', small.replace('<bpmn:definitions', '<!DOCTYPE d [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<bpmn:definitions').replace('name="办理"', 'name="&xxe;"'), 'xml-doctype'],
    ['billion laughs', `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n${small.replace(/^<\?xml[^>]*>\n/, '').replace('name="办理"', 'name="&lol9;"')}`, 'xml-doctype'],
    ['an empty file', '', 'empty-xml'],
    ['only blanks', ' \n\t ', 'empty-xml'],
    ['a file that is not XML', '{"name": "流程"}', 'xml-invalid'],
    ['binary garbage', '\u0000\u0001\u0002PK\u0003\u0004', 'xml-invalid'],
    ['XML that is not BPMN', '<?xml version="1.0"?><html><body>你好</body></html>', 'xml-invalid'],
    ['a truncated file', small.slice(0, small.length / 2), 'xml-invalid'],
    ['a loop of gateways', gatewayLoop().replace('duban:role="R8"', 'duban:role="R8" duban:formKey="approval"'), 'duban-endless-loop'],
    ['a condition nested 100 deep', withCondition(deepFeel(100)), 'duban-feel'],
    ['a condition nested 50,000 deep', withCondition(deepFeel(50_000)), 'duban-feel'],
    ['over the size limit in bytes', small.replace('</bpmn:process>', `<!-- ${'填充'.repeat(3_000_000)} --></bpmn:process>`), 'diagram-too-large'],
  ];

  for (const [name, xml, code] of refusals) {
    it(`given ${name}, then it is refused with a Chinese message (${code}) in time`, async () => {
      const { models, problems, ms } = await load(xml);
      expect(models).toEqual([]);
      expect(errorsOf(problems).map((p) => p.code)).toContain(code);
      expect(unreadable(problems)).toEqual([]);
      expect(ms).toBeLessThan(LIMIT_MS);
    });
  }

  it('given a DOCTYPE written inside text and CDATA, then the file is not refused for it', async () => {
    const xml = small
      .replace('<bpmn:userTask id="task"', '<bpmn:userTask id="task"><bpmn:documentation><![CDATA[示例：<!DOCTYPE html> 与 <!ENTITY x "y">]]></bpmn:documentation></bpmn:userTask><bpmn:userTask id="unused"')
      .replace('name="办理"', 'name="办理 &lt;!DOCTYPE&gt;"');
    const { problems } = await load(xml);
    expect(problems.map((p) => p.code)).not.toContain('xml-doctype');
  });

  it('given 200 nested sub-processes, then it deploys', async () => {
    const { models, problems, ms } = await load(nestedSubProcesses(200));
    expect(errorsOf(problems)).toEqual([]);
    expect(models).toHaveLength(1);
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it('given 20,000 tasks, then it deploys in time', async () => {
    const { models, problems, ms } = await load(taskChain(20_000));
    // A guard against a hang, not a speed measure (tests/bench/lint.bench.ts measures): the machine may be busy.
    expect(errorsOf(problems)).toEqual([]);
    expect(models).toHaveLength(1);
    expect(ms).toBeLessThan(4 * LIMIT_MS);
  }, 120_000);

  it('given more elements than the limit, then it is refused with the element count', async () => {
    const { models, problems } = await load(taskChain(50_000));
    expect(models).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: 'diagram-too-many-elements', message: expect.stringContaining('100000') })]);
  }, 120_000);

  it('given a parse error, then the message has the line and column in Chinese', async () => {
    const { problems } = await load('<?xml version="1.0"?>\n<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n  <bpmn:process id="p">\n</bpmn:definitions>');
    expect(problems).toEqual([expect.objectContaining({ code: 'xml-invalid', message: expect.stringMatching(/第 4 行第 \d+ 列/) })]);
    expect(unreadable(problems)).toEqual([]);
  });

  it('given unknown elements and broken references, then each is said once, in Chinese', async () => {
    const xml = small.replace('<bpmn:endEvent id="no_end" name="退回" />', '<bpmn:endEvent id="no_end" name="退回" /><bpmn:fooTask id="strange" /><bpmn:scriptTask id="script" name="脚本" />').replace('targetRef="no_end"', 'targetRef="missing"');
    const { problems } = await load(xml);
    expect(unreadable(problems)).toEqual([]);
    // The lint says a script task is not supported; the compiler does not say it again.
    expect(problems.filter((p) => p.elementId === 'script' && /不支持/.test(p.message))).toHaveLength(1);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/引用的元素“missing”不存在/);
  });
});

describe('encodings', () => {
  const declared = (encoding: string) => small.replace('encoding="UTF-8"', `encoding="${encoding}"`);

  it('given a GBK file that declares GBK, then names decode correctly', async () => {
    const bytes = encodeGbk(declared('GBK'));
    const decoded = decodeDiagram(bytes);
    expect(decoded.problem).toBeUndefined();
    const { models, problems } = await load(decoded.xml!);
    expect(errorsOf(problems)).toEqual([]);
    expect(problems.map((p) => p.code)).not.toContain('xml-warning');
    expect((models[0] as { elements: Record<string, { name: string }> }).elements.task.name).toBe('办理');
  });

  it('given a GB18030 file, a UTF-16 file with a byte-order mark and a UTF-8 file with one, then each decodes', () => {
    expect(decodeDiagram(encodeGbk(declared('GB18030'))).xml).toContain('是否通过');
    const utf16 = new Uint8Array(2 + declared('UTF-16').length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < declared('UTF-16').length; i++) {
      const c = declared('UTF-16').charCodeAt(i);
      utf16[2 + i * 2] = c & 0xff;
      utf16[3 + i * 2] = c >> 8;
    }
    expect(decodeDiagram(utf16).xml).toContain('是否通过');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(small)]);
    expect(decodeDiagram(bom).xml!.startsWith('<?xml')).toBe(true);
  });

  it('given a GBK file that declares UTF-8 (or nothing), then it is refused in Chinese, not garbled', () => {
    const { problem } = decodeDiagram(encodeGbk(small));
    expect(problem).toMatchObject({ code: 'xml-encoding-invalid' });
    expect(unreadable([problem!])).toEqual([]);
  });

  it('given an encoding nobody supports, then it is refused in Chinese', () => {
    const { problem } = decodeDiagram(new TextEncoder().encode(declared('EBCDIC-XYZ')));
    expect(problem).toMatchObject({ code: 'xml-encoding-unsupported', message: expect.stringContaining('EBCDIC-XYZ') });
  });
});
