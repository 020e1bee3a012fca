/**
 * Static checks of the diagrams in processes/: they parse, lint clean, name forms that
 * exist, assign every user task to exactly one kind of actor, carry a complete, non-
 * overlapping DI that is exactly what scripts/layout-processes.mjs produces, and every id
 * of the procedures is traced in processes/README.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BpmnModdle } from 'bpmn-moddle';
import Linter from 'bpmnlint/lib/linter.js';
// @ts-expect-error untyped CommonJS module
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { parseDefinition } from '../../src/engine';
import { layoutXml, overlaps } from '../../scripts/layout-processes.mjs';
import { listFields } from '../../src/forms/fields';
import { FORM_KEYS, PROCEDURE_IDS, bpmnFiles, loadProcessXml, procedureIdsFromSpec, root } from './helpers';

const duban = JSON.parse(readFileSync(path.join(root, 'src/engine/definition/duban.json'), 'utf8'));

type El = Record<string, any>;

async function read(file: string): Promise<{ definitions: El; warnings: { message: string }[] }> {
  const moddle = new BpmnModdle({ duban });
  const { rootElement, warnings } = await moddle.fromXML(loadProcessXml(file));
  return { definitions: rootElement, warnings };
}

function processOf(definitions: El): El {
  return definitions.rootElements.find((e: El) => e.$type === 'bpmn:Process');
}

/** Every flow element, nested sub-processes included. */
function flowElements(container: El): El[] {
  const out: El[] = [];
  for (const e of container.flowElements ?? []) {
    out.push(e);
    if (e.$type === 'bpmn:SubProcess') out.push(...flowElements(e));
  }
  return out;
}

const files = bpmnFiles();

/**
 * Fields the diagrams need that the forms do not have yet (`form:field` → why). The test
 * below fails as soon as a form gains one of them, so this list can only shrink.
 */
const PENDING_FORM_FIELDS: Record<string, string> = {
};

/** The top-level data fields of a form in forms/. */
function formFields(formKey: string): string[] {
  const form = JSON.parse(readFileSync(path.join(root, 'forms', `${formKey}.json`), 'utf8'));
  return listFields(form.schema).map((f) => f.name);
}

describe('processes/ diagrams', () => {
  it('has one diagram per procedure and the shared unit process', () => {
    expect(files.map((f) => f.replace('.bpmn', '')).sort()).toEqual(
      ['p1-decision', 'p2-special-case', 'p3-research', 'p4-evaluation', 'p5-order', 'p6-meeting', 'unit-handling'].sort(),
    );
  });

  describe.each(files)('%s', (file) => {
    const key = file.replace('.bpmn', '');

    it('parses with bpmn-moddle and the duban descriptor without warnings; the process id is the file name', async () => {
      const { definitions, warnings } = await read(file);
      expect(warnings.map((w) => w.message)).toEqual([]);
      const proc = processOf(definitions);
      expect(proc.id).toBe(key);
      expect(proc.isExecutable).toBe(true);
      expect(proc.name).toMatch(/[\u4e00-\u9fff]/);
    });

    it('loads in the engine with no problem, errors or warnings, against the forms in forms/', async () => {
      const { models, problems } = await parseDefinition(loadProcessXml(file), { formKeys: FORM_KEYS });
      expect(problems).toEqual([]);
      expect(models.map((m) => m.key)).toEqual([key]);
    });

    it('passes bpmnlint:recommended with no report', async () => {
      const { definitions } = await read(file);
      const linter = new Linter({ resolver: new NodeResolver() });
      const results = await linter.lint(definitions, { extends: 'bpmnlint:recommended' });
      const reports = Object.entries(results).flatMap(([rule, list]) => list.map((r) => `${rule}: ${r.id} ${r.message}`));
      expect(reports).toEqual([]);
    });

    it('names every element in Chinese', async () => {
      const { definitions } = await read(file);
      for (const el of flowElements(processOf(definitions))) {
        if (el.$type === 'bpmn:SequenceFlow' && !el.conditionExpression) continue;
        expect(el.name ?? '', el.id).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it('uses only form keys of the agreed list, each with a form file in forms/', async () => {
      const { definitions } = await read(file);
      const used = flowElements(processOf(definitions))
        .filter((e) => e.$type === 'bpmn:UserTask')
        .map((e) => e.get('duban:formKey'));
      for (const formKey of used) {
        expect(FORM_KEYS, `formKey ${formKey}`).toContain(formKey);
        expect(existsSync(path.join(root, 'forms', `${formKey}.json`)), `forms/${formKey}.json`).toBe(true);
      }
    });

    it('lists in duban:editable / readonly / hidden only fields of the step\'s form', async () => {
      const { definitions } = await read(file);
      for (const task of flowElements(processOf(definitions)).filter((e) => e.$type === 'bpmn:UserTask')) {
        const formKey = task.get('duban:formKey');
        const fields = formFields(formKey);
        for (const attr of ['editable', 'readonly', 'hidden']) {
          for (const name of String(task.get(`duban:${attr}`) ?? '').split(',').map((x) => x.trim()).filter(Boolean)) {
            if (name === '*') continue;
            const pending = `${formKey}:${name}`;
            if (PENDING_FORM_FIELDS[pending]) expect(fields, `${pending} is in the form now: drop it from PENDING_FORM_FIELDS`).not.toContain(name);
            else expect(fields, `${task.id}: ${formKey} has no field ${name}`).toContain(name);
          }
        }
      }
    });

    it('gives every user task exactly one of duban:role, duban:unit, duban:liaison, duban:assignee', async () => {
      const { definitions } = await read(file);
      for (const task of flowElements(processOf(definitions)).filter((e) => e.$type === 'bpmn:UserTask')) {
        const set = ['role', 'unit', 'liaison', 'assignee', 'sealKeeper'].filter((a) => task.get(`duban:${a}`));
        expect(set, task.id).toHaveLength(1);
        const role = task.get('duban:role');
        if (role) expect(role, task.id).toMatch(/^R([1-9]|1[0-5])$/);
      }
    });

    it('offers 同意/不同意 on approval steps and 通过/重办/补办 on review steps', async () => {
      const { definitions } = await read(file);
      for (const task of flowElements(processOf(definitions)).filter((e) => e.$type === 'bpmn:UserTask')) {
        if (task.get('duban:formKey') === 'approval') expect(task.get('duban:outcomes'), task.id).toBe('同意,不同意');
        if (task.get('duban:formKey') === 'review') expect(task.get('duban:outcomes'), task.id).toBe('通过,重办,补办');
      }
    });

    it('has a shape for every flow node and an edge for every flow, and no overlapping shapes', async () => {
      const { definitions } = await read(file);
      const plane = definitions.diagrams[0].plane;
      const drawn = new Map<El, El>(plane.planeElement.map((d: El) => [d.bpmnElement, d]));
      for (const el of flowElements(processOf(definitions))) {
        const di = drawn.get(el);
        expect(di, `DI of ${el.id}`).toBeDefined();
        if (el.$type === 'bpmn:SequenceFlow') expect(di!.waypoint.length, el.id).toBeGreaterThanOrEqual(2);
        else expect(di!.bounds.width, el.id).toBeGreaterThan(0);
      }
      expect(overlaps(plane.planeElement)).toEqual([]);
    });

    it('lays out left to right from the start event', async () => {
      const { definitions } = await read(file);
      const plane = definitions.diagrams[0].plane;
      const proc = processOf(definitions);
      const shape = (id: string) => plane.planeElement.find((d: El) => d.bpmnElement.id === id).bounds;
      const start = (proc.flowElements as El[]).find((e) => e.$type === 'bpmn:StartEvent')!;
      const xs = (proc.flowElements as El[]).filter((e) => e.$type !== 'bpmn:SequenceFlow').map((e) => shape(e.id).x);
      expect(shape(start.id).x).toBe(Math.min(...xs));
    });

    it('keeps the DI exactly as scripts/layout-processes.mjs writes it', async () => {
      const xml = loadProcessXml(file);
      const out: string = await layoutXml(xml);
      expect(out.endsWith('\n') ? out : `${out}\n`).toBe(xml);
    });
  });

  it('traces every id of the procedures in processes/README.md, with elements that exist', async () => {
    const fromSpec = procedureIdsFromSpec();
    if (fromSpec) expect([...fromSpec].sort()).toEqual([...PROCEDURE_IDS].sort());
    const readme = readFileSync(path.join(root, 'processes/README.md'), 'utf8');
    const rows = new Map<string, string>();
    for (const line of readme.split('\n')) {
      const m = /^\| ([A-Z][0-9A-Za-z.]*) \|/.exec(line);
      if (m) rows.set(m[1], line);
    }
    const ids = new Set<string>();
    for (const f of files) {
      const { definitions } = await read(f);
      const proc = processOf(definitions);
      ids.add(proc.id);
      for (const e of flowElements(proc)) ids.add(e.id);
    }
    for (const id of PROCEDURE_IDS) {
      const row = rows.get(id);
      expect(row, `README row for ${id}`).toBeDefined();
      const named = [...row!.matchAll(/`([A-Za-z][\w-]*)`/g)].map((m) => m[1]).filter((n) => /[_-]/.test(n));
      expect(named.length, `elements for ${id}`).toBeGreaterThan(0);
      for (const n of named) expect(ids.has(n), `${id}: element ${n}`).toBe(true);
    }
  });

  it('records the start sources of P1, P2 and P5 and the materials of every procedure', async () => {
    const sources: Record<string, string[]> = {
      'p1-decision': ['P1.S1', 'P1.S2', 'P1.S3', 'P1.S4', 'P1.S5'],
      'p2-special-case': ['P2.S1', 'P2.S2', 'P2.S3', 'P2.S4'],
      'p5-order': ['P5.S1', 'P5.S2', 'P5.S3', 'P5.S4'],
    };
    for (const f of files) {
      const { definitions } = await read(f);
      const proc = processOf(definitions);
      const codes = String(proc.get('duban:startSources') ?? '')
        .split(';')
        .filter(Boolean)
        .map((s) => s.split(':')[0]);
      expect(codes, proc.id).toEqual(sources[proc.id] ?? []);
      expect(proc.get('duban:materials'), proc.id).toBeTruthy();
      const archives = flowElements(proc).filter((e) => e.$type === 'bpmn:ServiceTask' && e.get('duban:action') === 'archive');
      if (proc.id !== 'unit-handling') {
        expect(archives.length, proc.id).toBe(1);
        expect(archives[0].get('duban:materials')).toBe(proc.get('duban:materials'));
      }
    }
  });

  it('calls unit-handling once per unit (multi-instance over units with element variable unit)', async () => {
    for (const f of ['p1-decision.bpmn', 'p2-special-case.bpmn', 'p5-order.bpmn', 'p6-meeting.bpmn']) {
      const { definitions } = await read(f);
      const calls = flowElements(processOf(definitions)).filter((e) => e.$type === 'bpmn:CallActivity');
      expect(calls.length, f).toBeGreaterThan(0);
      for (const c of calls) {
        expect(c.calledElement).toBe('unit-handling');
        expect(c.loopCharacteristics?.get('duban:elementVariable'), c.id).toBe('unit');
        expect(c.loopCharacteristics?.get('duban:collection'), c.id).toMatch(/^=(item\.)?units$/);
      }
    }
  });
});
