// Lays out the diagrams in processes/: fills <incoming>/<outgoing> from the sequence
// flows, regenerates the BPMN DI left to right with bpmn-auto-layout (sub-processes
// expanded), then repairs what the layouter leaves rough: overlapping shapes,
// edges into boundary events' hosts, and the flows of nested scopes.
//
// Usage: node scripts/layout-processes.mjs [file.bpmn ...]   (default: every processes/*.bpmn)
// The semantic part (names, duban: attributes, conditions) is kept as written.

import { readFile, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { layoutProcess } from 'bpmn-auto-layout';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const duban = JSON.parse(await readFile(path.join(root, 'src/engine/definition/duban.json'), 'utf8'));

/** A moddle that knows our extension, so duban: attributes survive typed. */
function moddle() {
  return new BpmnModdle({ duban });
}

/** All flow element containers (process and nested sub-processes), outermost first. */
function containers(proc) {
  const out = [proc];
  for (let i = 0; i < out.length; i++) {
    for (const el of out[i].flowElements || []) {
      if (el.$type === 'bpmn:SubProcess') out.push(el);
    }
  }
  return out;
}

/** Recomputes incoming/outgoing of every flow node from the sequence flows, in document order. */
function wireFlows(proc) {
  for (const c of containers(proc)) {
    const nodes = (c.flowElements || []).filter((e) => e.$type !== 'bpmn:SequenceFlow');
    for (const n of nodes) {
      n.incoming = [];
      n.outgoing = [];
    }
    for (const f of (c.flowElements || []).filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      if (!f.sourceRef || !f.targetRef) throw new Error(`flow <${f.id}> has a dangling end`);
      f.sourceRef.outgoing.push(f);
      f.targetRef.incoming.push(f);
    }
  }
}

/** A throwaway DI that marks every sub-process expanded, which makes the layouter draw it open. */
function stubDi(m, definitions, proc) {
  const shapes = containers(proc)
    .slice(1)
    .map((sp) =>
      m.create('bpmndi:BPMNShape', {
        id: `${sp.id}_di`,
        bpmnElement: sp,
        isExpanded: true,
        bounds: m.create('dc:Bounds', { x: 0, y: 0, width: 100, height: 80 }),
      }),
    );
  const plane = m.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${proc.id}`, bpmnElement: proc, planeElement: shapes });
  definitions.diagrams = [m.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${proc.id}`, plane })];
}

const b = (s) => s.bounds;
const intersects = (p, q) => p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height;
const contains = (outer, inner) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

/** Pairs of shapes that overlap, ignoring a sub-process and its content and a boundary event on its host. */
export function overlaps(planeElements) {
  const shapes = planeElements.filter((e) => e.$type === 'bpmndi:BPMNShape');
  const found = [];
  const ancestors = (el) => {
    const list = [];
    for (let p = el.$parent; p && p.$type !== 'bpmn:Process'; p = p.$parent) list.push(p);
    return list;
  };
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const [s, t] = [shapes[i], shapes[j]];
      const [e, f] = [s.bpmnElement, t.bpmnElement];
      if (ancestors(e).includes(f) || ancestors(f).includes(e)) continue;
      if (e.attachedToRef === f || f.attachedToRef === e) continue;
      // a boundary event on a sub-process sits on the sub-process' border, near its content
      if (e.attachedToRef && ancestors(f).includes(e.attachedToRef)) continue;
      if (f.attachedToRef && ancestors(e).includes(f.attachedToRef)) continue;
      if (intersects(b(s), b(t))) found.push([e.id, f.id]);
    }
  }
  return found;
}

/**
 * Moves shapes down until nothing overlaps: a simple, deterministic repair for the
 * few cases the grid layouter stacks two elements into one cell. Edges are
 * re-routed afterwards anyway.
 */
function repairOverlaps(plane) {
  const elements = plane.planeElement;
  for (let guard = 0; guard < 200; guard++) {
    const pairs = overlaps(elements);
    if (pairs.length === 0) break;
    const [, id] = pairs[0];
    const shape = elements.find((d) => d.bpmnElement.id === id);
    shiftShape(shape, 0, 140, elements);
  }
}

function shiftShape(shape, dx, dy, elements) {
  shape.bounds.x += dx;
  shape.bounds.y += dy;
  const el = shape.bpmnElement;
  // boundary events travel with their host; a sub-process' content travels with it
  for (const d of elements) {
    const other = d.bpmnElement;
    if (d.$type !== 'bpmndi:BPMNShape' || other === el) continue;
    let inside = other.attachedToRef === el;
    for (let p = other.$parent; !inside && p && p.$type !== 'bpmn:Process'; p = p.$parent) inside = p === el;
    if (inside) {
      d.bounds.x += dx;
      d.bounds.y += dy;
    }
  }
}

const mid = (bo) => ({ x: bo.x + bo.width / 2, y: bo.y + bo.height / 2 });

/** Whether an orthogonal segment crosses a rectangle (shrunk by a pixel so touching is fine). */
function crosses(p, q, r) {
  const x1 = Math.min(p.x, q.x);
  const x2 = Math.max(p.x, q.x);
  const y1 = Math.min(p.y, q.y);
  const y2 = Math.max(p.y, q.y);
  return x2 > r.x + 1 && x1 < r.x + r.width - 1 && y2 > r.y + 1 && y1 < r.y + r.height - 1;
}

/** The shapes a flow's route must avoid: everything but its ends, their containers and their boundary events. */
function obstacles(flow, byElement) {
  const spare = new Set([flow.sourceRef, flow.targetRef, flow.sourceRef.attachedToRef]);
  for (const end of [flow.sourceRef, flow.targetRef]) {
    for (let p = end.$parent; p && p.$type !== 'bpmn:Process'; p = p.$parent) spare.add(p);
  }
  const out = [];
  for (const [el, d] of byElement) {
    if (!d.bounds || spare.has(el)) continue;
    if (el.attachedToRef && spare.has(el.attachedToRef) && el.attachedToRef === flow.sourceRef) continue;
    out.push(d.bounds);
  }
  return out;
}

function clear(points, rects) {
  for (let i = 0; i + 1 < points.length; i++) {
    for (const r of rects) if (crosses(points[i], points[i + 1], r)) return false;
  }
  return true;
}

/**
 * An orthogonal route that avoids other shapes: straight, one or two bends, or
 * along a free channel below the shapes in between (loops back run there too).
 */
function route(flow, byElement, used = []) {
  const s = byElement.get(flow.sourceRef).bounds;
  const t = byElement.get(flow.targetRef).bounds;
  const sm = mid(s);
  const tm = mid(t);
  const rects = obstacles(flow, byElement);
  const channel = (x1, x2, from) => {
    const lo = Math.min(x1, x2);
    const hi = Math.max(x1, x2);
    let y = from;
    for (const r of rects) if (r.x < hi && r.x + r.width > lo) y = Math.max(y, r.y + r.height);
    y += 25;
    // keep parallel channel runs of different flows apart
    while (used.some((u) => Math.abs(u.y - y) < 10 && u.x1 < hi && u.x2 > lo)) y += 12;
    used.push({ y, x1: lo, x2: hi });
    return y;
  };
  const candidates = [];
  if (flow.sourceRef.attachedToRef) {
    const start = { x: sm.x, y: s.y + s.height };
    if (tm.y > start.y && t.x > start.x) candidates.push([start, { x: start.x, y: tm.y }, { x: t.x, y: tm.y }]);
    candidates.push(() => {
      const y = channel(start.x, tm.x, Math.max(start.y, t.y + t.height));
      return [start, { x: start.x, y }, { x: tm.x, y }, { x: tm.x, y: t.y + t.height }];
    });
  } else if (t.x >= s.x + s.width) {
    const start = { x: s.x + s.width, y: sm.y };
    const end = { x: t.x, y: tm.y };
    if (Math.abs(start.y - end.y) < 1) candidates.push([start, { x: end.x, y: start.y }]);
    const bx = Math.round((start.x + end.x) / 2);
    candidates.push([start, { x: bx, y: start.y }, { x: bx, y: end.y }, end]);
    // horizontal first, then into the target from above or below
    const into = tm.y > sm.y ? t.y : t.y + t.height;
    candidates.push([start, { x: tm.x, y: start.y }, { x: tm.x, y: into }]);
    // vertical first (from the source's bottom or top), then into the target's left
    const out = tm.y > sm.y ? s.y + s.height : s.y;
    candidates.push([{ x: sm.x, y: out }, { x: sm.x, y: end.y }, end]);
    const bx2 = start.x + 20;
    for (const x of [bx2, end.x - 20]) candidates.push([start, { x, y: start.y }, { x, y: end.y }, end]);
    candidates.push(() => {
      const y = channel(s.x, t.x + t.width, Math.max(s.y + s.height, t.y + t.height));
      return [start, { x: bx2, y: start.y }, { x: bx2, y }, { x: tm.x, y }, { x: tm.x, y: t.y + t.height }];
    });
  } else {
    // backwards (a loop): run below everything in between and enter from the bottom, or,
    // when shapes sit right below the source, run above and enter from the top
    const lo = Math.min(t.x, s.x);
    const hi = Math.max(t.x + t.width, s.x + s.width);
    const below = [{ x: sm.x, y: s.y + s.height }, { x: sm.x, y: 0 }, { x: tm.x, y: 0 }, { x: tm.x, y: t.y + t.height }];
    const belowFrom = Math.max(s.y + s.height, t.y + t.height);
    let top = Math.min(s.y, t.y);
    for (const r of rects) if (r.x < hi && r.x + r.width > lo) top = Math.min(top, r.y);
    const above = [{ x: sm.x, y: s.y }, { x: sm.x, y: top - 25 }, { x: tm.x, y: top - 25 }, { x: tm.x, y: t.y }];
    const probe = (points, y) => points.map((p, i) => (i === 1 || i === 2 ? { x: p.x, y } : p));
    const deep = probe(below, channel(lo, hi, belowFrom) );
    if (clear(deep, rects) || !clear(above, rects)) candidates.push(deep);
    else {
      used.pop();
      let y = top - 25;
      while (used.some((u) => Math.abs(u.y - y) < 10 && u.x1 < hi && u.x2 > lo)) y -= 12;
      used.push({ y, x1: lo, x2: hi });
      candidates.push(probe(above, y));
    }
  }
  // the last candidate (a channel) is built only when nothing simpler is clear
  const simple = candidates.filter((c) => typeof c !== 'function');
  const last = candidates[candidates.length - 1];
  const best = simple.find((c) => clear(c, rects)) ?? (typeof last === 'function' ? last() : last);
  return best.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) }));
}

/** Re-routes every edge with the router above (the layouter's routes cross expanded sub-processes). */
function rerouteAll(plane) {
  const byElement = new Map(plane.planeElement.map((d) => [d.bpmnElement, d]));
  const used = [];
  for (const d of plane.planeElement) {
    if (d.$type !== 'bpmndi:BPMNEdge') continue;
    d.waypoint = route(d.bpmnElement, byElement, used).map((p) => d.$model.create('dc:Point', p));
  }
}

/** Gives every edge that is missing (the layouter skips some in nested scopes) a route. */
function ensureEdges(m, plane, proc) {
  const byElement = new Map(plane.planeElement.map((d) => [d.bpmnElement, d]));
  for (const c of containers(proc)) {
    for (const f of (c.flowElements || []).filter((e) => e.$type === 'bpmn:SequenceFlow')) {
      if (byElement.has(f)) continue;
      const edge = m.create('bpmndi:BPMNEdge', { id: `${f.id}_di`, bpmnElement: f });
      plane.planeElement.push(edge);
      byElement.set(f, edge);
      edge.waypoint = route(f, byElement).map((p) => m.create('dc:Point', p));
    }
  }
}

/** Every flow node needs a shape; report what is missing instead of writing a broken file. */
function missingShapes(plane, proc) {
  const have = new Set(plane.planeElement.map((d) => d.bpmnElement));
  const missing = [];
  for (const c of containers(proc)) {
    for (const e of c.flowElements || []) if (!have.has(e)) missing.push(e.id);
  }
  return missing;
}

/** Shifts the whole drawing so it starts at a small positive margin. */
function normalise(plane) {
  let minX = Infinity;
  let minY = Infinity;
  for (const d of plane.planeElement) {
    if (d.bounds) {
      minX = Math.min(minX, d.bounds.x);
      minY = Math.min(minY, d.bounds.y);
    }
    for (const p of d.waypoint || []) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
    }
  }
  const dx = 40 - minX;
  const dy = 40 - minY;
  for (const d of plane.planeElement) {
    if (d.bounds) {
      d.bounds.x = Math.round(d.bounds.x + dx);
      d.bounds.y = Math.round(d.bounds.y + dy);
    }
    for (const p of d.waypoint || []) {
      p.x = Math.round(p.x + dx);
      p.y = Math.round(p.y + dy);
    }
  }
}

/** Lays out one diagram; returns the new XML. */
export async function layoutXml(xml) {
  const m = moddle();
  const { rootElement: definitions, warnings } = await m.fromXML(xml);
  if (warnings.length) throw new Error(warnings.map((w) => w.message).join('\n'));
  const proc = definitions.rootElements.find((e) => e.$type === 'bpmn:Process');
  wireFlows(proc);
  stubDi(m, definitions, proc);
  const { xml: prepared } = await m.toXML(definitions, { format: true });

  const laidOut = await layoutProcess(prepared);

  // Re-read with our extension, repair, and write.
  const m2 = moddle();
  const { rootElement: defs2 } = await m2.fromXML(laidOut);
  const proc2 = defs2.rootElements.find((e) => e.$type === 'bpmn:Process');
  wireFlows(proc2);
  for (const c of containers(proc2)) {
    for (const e of c.flowElements || []) {
      if (e.attachedToRef) (e.attachedToRef.attachers ||= []).push(e);
    }
  }
  const plane = defs2.diagrams[0].plane;
  ensureEdges(m2, plane, proc2);
  repairOverlaps(plane);
  rerouteAll(plane);
  normalise(plane);
  const missing = missingShapes(plane, proc2);
  if (missing.length) throw new Error(`no shape for ${missing.join(', ')}`);
  const left = overlaps(plane.planeElement);
  if (left.length) throw new Error(`overlapping shapes: ${left.map((p) => p.join('/')).join(', ')}`);
  for (const c of containers(proc2)) for (const e of c.flowElements || []) delete e.attachers;
  const { xml: out } = await m2.toXML(defs2, { format: true });
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const dir = path.join(root, 'processes');
  const files = args.length ? args : (await readdir(dir)).filter((f) => f.endsWith('.bpmn')).map((f) => path.join(dir, f));
  for (const file of files) {
    const xml = await readFile(file, 'utf8');
    const out = await layoutXml(xml);
    await writeFile(file, out.endsWith('\n') ? out : `${out}\n`);
    console.log(`laid out ${path.relative(root, file)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
