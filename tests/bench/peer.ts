/**
 * Our measured peer, bpmn-engine: the same diagram run from one shared serialized
 * definition, every wait signalled — optionally saving its state after every step
 * (getState, stop, recover, resume), as a server that persists each action must.
 */
import { EventEmitter } from 'node:events';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';

/** A serialized definition of a diagram for bpmn-engine (our `duban:` attributes removed). */
export async function peerSource(xml: string): Promise<unknown> {
  const moddleContext = await new (BpmnModdle as any)().fromXML(xml.replace(/ duban:[a-zA-Z]+="[^"]*"/g, ''));
  return (serializer as any)(moddleContext, (TypeResolver as any)(Elements));
}

/** Run one instance to its end, signalling every wait; with `persist`, save and recover the state at each wait. */
export function runPeerInstance(sourceContext: unknown, name: string, persist: boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const listener = new EventEmitter();
    let engine = new Engine({ name, sourceContext } as never);
    let resumed = false;
    const watch = (e: typeof engine): void => {
      e.once('end', () => resolve());
      e.once('error', reject);
    };
    listener.on('wait', (api: { signal: () => void }) => {
      if (!persist || resumed) {
        resumed = false;
        api.signal();
        return;
      }
      void (async () => {
        const state = JSON.parse(JSON.stringify(await engine.getState()));
        await engine.stop();
        engine = new Engine({ name, sourceContext } as never).recover(state);
        watch(engine);
        resumed = true;
        await engine.resume({ listener });
      })().catch(reject);
    });
    watch(engine);
    engine.execute({ listener }).catch(reject);
  });
}
