/**
 * Generative test: random well-formed (block-structured) diagrams with parallel,
 * exclusive and inclusive splits/joins and embedded sub-processes, run with random
 * completion orders. Properties checked at every step:
 * - no token is lost or duplicated: exactly the tasks on the chosen branches run, each once;
 * - a join waits for every branch: a task opens only after every task that precedes it;
 * - every run either ends or waits: a running instance always has an open task.
 */
import { describe, expect, it } from 'vitest';
import { parseDefinition, WorkCalendar, startInstance, step, type InstanceState, type ProcessModel } from '../../src/engine';

type Block =
  | { kind: 'task'; id: string }
  | { kind: 'seq'; blocks: Block[] }
  | { kind: 'par' | 'xor' | 'or'; id: string; branches: Block[] }
  | { kind: 'sub'; id: string; body: Block };

/** A small seeded PRNG (mulberry32), so every failure is reproducible from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function genBlock(r: () => number, depth: number, ids: { n: number }): Block {
  const roll = r();
  if (depth <= 0 || roll < 0.35) return { kind: 'task', id: `T${++ids.n}` };
  if (roll < 0.5) return { kind: 'seq', blocks: [genBlock(r, depth - 1, ids), genBlock(r, depth - 1, ids)] };
  if (roll < 0.6) return { kind: 'sub', id: `S${++ids.n}`, body: genBlock(r, depth - 1, ids) };
  const kind = roll < 0.75 ? 'par' : roll < 0.88 ? 'xor' : 'or';
  const count = 2 + Math.floor(r() * 2);
  const id = `G${++ids.n}`;
  return { kind, id, branches: Array.from({ length: count }, () => genBlock(r, depth - 1, ids)) };
}

/** Render a block to BPMN XML fragments; returns its entry and exit node ids. */
function render(b: Block, out: string[], flows: string[], fid: { n: number }): { entry: string; exit: string } {
  const flow = (from: string, to: string, cond?: string, id = `F${++fid.n}`): string => {
    flows.push(
      cond
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${cond}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`,
    );
    return id;
  };
  switch (b.kind) {
    case 'task':
      out.push(`<bpmn:userTask id="${b.id}" name="任务${b.id}" duban:role="R8" duban:formKey="approval" />`);
      return { entry: b.id, exit: b.id };
    case 'seq': {
      const parts = b.blocks.map((x) => render(x, out, flows, fid));
      for (let i = 1; i < parts.length; i++) flow(parts[i - 1].exit, parts[i].entry);
      return { entry: parts[0].entry, exit: parts[parts.length - 1].exit };
    }
    case 'sub': {
      const inner: string[] = [];
      const innerFlows: string[] = [];
      const body = render(b.body, inner, innerFlows, fid);
      const start = `${b.id}_start`;
      const end = `${b.id}_end`;
      inner.push(`<bpmn:startEvent id="${start}" />`, `<bpmn:endEvent id="${end}" />`);
      innerFlows.push(
        `<bpmn:sequenceFlow id="F${++fid.n}" sourceRef="${start}" targetRef="${body.entry}" />`,
        `<bpmn:sequenceFlow id="F${++fid.n}" sourceRef="${body.exit}" targetRef="${end}" />`,
      );
      out.push(`<bpmn:subProcess id="${b.id}" name="子流程${b.id}">${inner.join('')}${innerFlows.join('')}</bpmn:subProcess>`);
      return { entry: b.id, exit: b.id };
    }
    default: {
      const type = b.kind === 'par' ? 'parallelGateway' : b.kind === 'xor' ? 'exclusiveGateway' : 'inclusiveGateway';
      const split = `${b.id}_split`;
      const join = `${b.id}_join`;
      const parts = b.branches.map((x) => render(x, out, flows, fid));
      let defaultFlow = '';
      parts.forEach((p, i) => {
        let cond: string | undefined;
        if (b.kind === 'xor') cond = `=x_${b.id} = ${i}`;
        if (b.kind === 'or' && i > 0) cond = `=o_${b.id}_${i} = true`;
        const id = flow(split, p.entry, cond);
        if (b.kind === 'or' && i === 0) defaultFlow = id;
        flow(p.exit, join);
      });
      out.push(`<bpmn:${type} id="${split}"${defaultFlow ? ` default="${defaultFlow}"` : ''} />`, `<bpmn:${type} id="${join}" />`);
      return { entry: split, exit: join };
    }
  }
}

function toXml(block: Block): string {
  const out: string[] = [];
  const flows: string[] = [];
  const fid = { n: 0 };
  const body = render(block, out, flows, fid);
  out.push('<bpmn:startEvent id="start" />', '<bpmn:endEvent id="end" />');
  flows.push(`<bpmn:sequenceFlow id="F_start" sourceRef="start" targetRef="${body.entry}" />`);
  flows.push(`<bpmn:sequenceFlow id="F_end" sourceRef="${body.exit}" targetRef="end" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:duban="http://duban.gov.cn/schema/bpmn" id="gen-definitions" targetNamespace="http://duban.gov.cn/test">
<bpmn:process id="gen" name="随机流程" isExecutable="true">${out.join('')}${flows.join('')}</bpmn:process></bpmn:definitions>`;
}

/** Choose branch variables; return the tasks expected to run, each with the tasks that must finish first. */
function plan(block: Block, r: () => number): { vars: Record<string, unknown>; before: Map<string, Set<string>> } {
  const vars: Record<string, unknown> = {};
  const before = new Map<string, Set<string>>();
  const exec = (b: Block, prior: Set<string>): Set<string> => {
    switch (b.kind) {
      case 'task':
        before.set(b.id, new Set(prior));
        return new Set([b.id]);
      case 'seq': {
        let acc = new Set(prior);
        const done = new Set<string>();
        for (const x of b.blocks) {
          const e = exec(x, acc);
          e.forEach((t) => done.add(t));
          acc = new Set([...acc, ...e]);
        }
        return done;
      }
      case 'sub':
        return exec(b.body, prior);
      case 'par':
        return new Set(b.branches.flatMap((x) => [...exec(x, prior)]));
      case 'xor': {
        const i = Math.floor(r() * b.branches.length);
        vars[`x_${b.id}`] = i;
        return exec(b.branches[i], prior);
      }
      case 'or': {
        let chosen = b.branches.map((_, i) => i).filter((i) => i > 0 && r() < 0.5);
        for (let i = 1; i < b.branches.length; i++) vars[`o_${b.id}_${i}`] = chosen.includes(i);
        if (chosen.length === 0) chosen = [0];
        return new Set(chosen.flatMap((i) => [...exec(b.branches[i], prior)]));
      }
    }
  };
  exec(block, new Set());
  return { vars, before };
}

const calendar = WorkCalendar.default();
const now = Date.parse('2026-03-02T09:00:00+08:00');

describe('random well-formed diagrams', () => {
  it('run every chosen task exactly once, join only after all branches, and never get stuck', async () => {
    const seeds = Array.from({ length: 150 }, (_, i) => 1000 + i);
    let tasksRun = 0;
    for (const seed of seeds) {
      const r = rng(seed);
      const block = genBlock(r, 4, { n: 0 });
      // Given a random diagram that lints clean
      const { models, problems } = await parseDefinition(toXml(block), { formKeys: ['approval'] });
      expect(problems.filter((p) => p.severity === 'error'), `seed ${seed}`).toEqual([]);
      const model: ProcessModel = models[0];
      const { vars, before } = plan(block, r);

      // When tasks are completed in a random order
      let state: InstanceState = startInstance(model, { id: `g${seed}`, vars, actor: { id: 'u' }, now, calendar }).state;
      const done: string[] = [];
      for (let guard = 0; state.status === 'running'; guard++) {
        expect(guard, `seed ${seed}: too many steps`).toBeLessThan(500);
        const open = Object.values(state.tasks);
        // Then a running instance always waits on a task
        expect(open.length, `seed ${seed}: running with nothing to do`).toBeGreaterThan(0);
        for (const t of open) {
          // and a task opens only after everything that precedes it (joins waited)
          const required = before.get(t.elementId);
          expect(required, `seed ${seed}: unexpected task ${t.elementId}`).toBeDefined();
          for (const p of required!) expect(done, `seed ${seed}: ${t.elementId} opened before ${p}`).toContain(p);
        }
        // every waiting token is a task or a join arrival
        for (const tok of Object.values(state.tokens)) expect(['task', 'join', 'scope'], `seed ${seed}`).toContain(tok.wait);
        const pick = open[Math.floor(r() * open.length)];
        state = step(model, state, { type: 'complete', taskId: pick.id, actor: { id: 'u' } }, now, calendar).state;
        done.push(pick.elementId);
      }

      // Then it ends having run exactly the chosen tasks, each once
      expect(state.status).toBe('completed');
      expect([...done].sort(), `seed ${seed}`).toEqual([...before.keys()].sort());
      expect(Object.keys(state.tokens)).toEqual([]);
      expect(Object.keys(state.joins)).toEqual([]);
      tasksRun += done.length;
    }
    expect(tasksRun).toBeGreaterThan(seeds.length * 2);
  });
});
