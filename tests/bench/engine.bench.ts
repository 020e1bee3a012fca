/**
 * Engine benchmark: the same 3-user-task diagram run through Duban's engine and
 * through bpmn-engine (our measured peer) side by side in one process; a whole
 * P2 专项查办 instance in memory; memory per 10,000 waiting instances.
 * Run: npm run bench. The last line is one JSON object with every figure.
 */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, parseDefinition, startInstance, step, WorkCalendar, type InstanceState, type ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { peerSource, runPeerInstance } from './peer';

const root = join(import.meta.dirname, '..', '..');
const N = Number(process.env.BENCH_INSTANCES ?? 2000);
const calendar = WorkCalendar.default();
const t0 = Date.parse('2026-03-02T09:00:00+08:00');
const actor = { id: 'bench' };

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Duban: start + three completions per instance, the model compiled once.
function runDuban(model: ProcessModel, n: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    let { state } = startInstance(model, { id: `b${i}`, vars: {}, actor, now: t0, calendar });
    while (state.status === 'running') {
      const task = Object.values(state.tasks)[0];
      state = step(model, state, { type: 'complete', taskId: task.id, actor }, t0 + 60_000, calendar).state;
    }
  }
  return ms(start);
}

// bpmn-engine, n instances one after the other.
async function runPeer(sourceContext: unknown, n: number, persist: boolean): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await runPeerInstance(sourceContext, `p${i}`, persist);
  return ms(start);
}

async function main(): Promise<void> {
  const xml = readFileSync(join(root, 'tests/engine/fixtures/three-tasks.bpmn'), 'utf8');
  const { models } = await parseDefinition(xml, { skipLint: true });
  const model = models[0];
  const sourceContext = await peerSource(xml);

  // Warm up both, then measure.
  runDuban(model, 2000);
  await runPeer(sourceContext, 100, false);
  const dubanMs = runDuban(model, N);
  const peerMs = await runPeer(sourceContext, N, false);
  const dubanRate = (N / dubanMs) * 1000;
  const peerRate = (N / peerMs) * 1000;
  console.log(`3 个用户任务 × ${N} 个实例（内存）：督办 ${dubanRate.toFixed(0)} 实例/秒，bpmn-engine ${peerRate.toFixed(0)} 实例/秒，比值 ${(dubanRate / peerRate).toFixed(1)}×`);

  const persistN = Math.max(50, Math.floor(N / 10));
  const peerPersistMs = await runPeer(sourceContext, persistN, true);
  const peerPersistRate = (persistN / peerPersistMs) * 1000;
  console.log(`bpmn-engine 每步 getState/recover：${peerPersistRate.toFixed(0)} 实例/秒（${persistN} 个实例）`);

  // A whole P2 instance, every step, in memory.
  let p2PerInstanceMs: number | null = null;
  let p2CpuMs: number | null = null;
  const p2File = join(root, 'processes/p2-special-case.bpmn');
  if (existsSync(p2File)) {
    const all: ProcessModel[] = [];
    for (const f of readdirSync(join(root, 'processes')).filter((f) => f.endsWith('.bpmn'))) {
      const r = await parseDefinition(readFileSync(join(root, 'processes', f), 'utf8'), { skipLint: true });
      all.push(...r.models);
    }
    const runP2 = (): void => {
      const sim = new Simulator({ models: all, now: t0, calendar });
      const id = sim.start('p2-special-case', {
        title: '基准事项',
        source: 'P2.S1',
        units: ['u1'],
        leadUnit: 'u1',
        mode: '转办',
        upperLevel: false,
        publicComplaint: false,
        needVerify: false,
        assignedDate: '2026-03-02',
        receivedDate: '2026-03-02',
        instructingLeader: 'leader-zhang',
        domain: '教育',
        deadline: '2026-04-30',
      });
      let guard = 0;
      while (sim.status(id) === 'running' && guard++ < 200) {
        const open = sim.openTasks();
        if (open.length === 0) break;
        for (const t of open) {
          const el = all.find((m) => m.key === t.processKey)!.elements[t.elementId];
          const outcome = el.outcomes?.find((o) => ['通过', '同意', '办结'].includes(o)) ?? el.outcomes?.[0];
          sim.complete(t.taskId, { outcome, actor, vars: { needVerify: false, extension: false, canFinish: true, finished: true } });
        }
      }
      if (sim.status(id) !== 'completed') throw new Error(`P2 did not complete: ${sim.openTasks().map((t) => t.elementId)}`);
    };
    try {
      for (let i = 0; i < 50; i++) runP2();
      const runs = 1000;
      const cpu0 = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) runP2();
      p2PerInstanceMs = ms(start) / runs;
      const cpu = process.cpuUsage(cpu0);
      p2CpuMs = (cpu.user + cpu.system) / 1000 / runs;
      console.log(`整个 P2 专项查办实例（内存，全部环节，含子事项）：每个 ${p2PerInstanceMs.toFixed(3)} ms（CPU 时间 ${p2CpuMs.toFixed(3)} ms）`);
    } catch (err) {
      console.log(`P2 基准未能运行：${(err as Error).message}`);
    }
  }

  // Memory per 10,000 waiting instances (state objects held in memory).
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const waiting: InstanceState[] = [];
  for (let i = 0; i < 10_000; i++) waiting.push(startInstance(model, { id: `w${i}`, vars: { title: `事项${i}` }, actor, now: t0, calendar }).state);
  gc?.();
  const memMB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const jsonKB = JSON.stringify(waiting[0]).length / 1024;
  console.log(`10,000 个等待中的实例占内存 ${memMB.toFixed(1)} MB（每个状态 JSON ${jsonKB.toFixed(2)} KB）${gc ? '' : '（未启用 --expose-gc，数值偏粗）'}`);

  // Working days over a huge count: N = 100,000 with the calendar's jump, against a day-by-day walk.
  const far = new WorkCalendar();
  const tj = performance.now();
  const end = far.addWorkdays('2026-01-05', 100_000);
  const jumpMs = performance.now() - tj;
  const tw = performance.now();
  let walked = '2026-01-05';
  for (let n = 0; n < 100_000; ) {
    walked = addDays(walked, 1);
    if (far.isWorkday(walked)) n++;
  }
  const walkMs = performance.now() - tw;
  if (walked !== end) throw new Error('日历跳算与逐日计算结果不一致');
  console.log(`加 100,000 个工作日：${jumpMs.toFixed(1)} ms（上限 50 ms）；逐日计算 ${walkMs.toFixed(1)} ms，比值 ${(walkMs / jumpMs).toFixed(1)}×`);

  console.log(
    JSON.stringify({
      workdays100kMs: Number(jumpMs.toFixed(2)),
      workdays100kWalkMs: Number(walkMs.toFixed(2)),
      instances: N,
      dubanInstancesPerSec: Math.round(dubanRate),
      bpmnEngineInstancesPerSec: Math.round(peerRate),
      ratio: Number((dubanRate / peerRate).toFixed(1)),
      bpmnEnginePersistInstancesPerSec: Math.round(peerPersistRate),
      p2InstanceMs: p2PerInstanceMs === null ? null : Number(p2PerInstanceMs.toFixed(3)),
      p2InstanceCpuMs: p2CpuMs === null ? null : Number(p2CpuMs.toFixed(3)),
      memoryMBPer10kWaiting: Number(memMB.toFixed(1)),
      stateJsonKB: Number(jsonKB.toFixed(2)),
      waitingKept: waiting.length,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
