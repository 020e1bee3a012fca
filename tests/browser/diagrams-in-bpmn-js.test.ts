/**
 * Every diagram in processes/ opens cleanly in bpmn-js itself (the library the
 * modeler and the item page use): no import warnings, every flow node and flow
 * drawn, labels in Chinese, and no two shapes drawn on top of each other.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { ROOT } from './harness';

const files = readdirSync(join(ROOT, 'processes')).filter((f) => f.endsWith('.bpmn'));

describeBrowser('the shipped diagrams in bpmn-js', () => {
  // Only bpmn-js's own viewer on a blank page: no server.
  const app = withServerAndBrowser({
    server: false,
    viewport: { width: 1600, height: 1000 },
    async prepare({ page }) {
      await page.setContent('<!doctype html><html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
      await page.addScriptTag({ path: join(ROOT, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js') });
    },
  });

  it.each(files)('%s opens without warnings, fully drawn, without overlaps', async (file) => {
    const xml = readFileSync(join(ROOT, 'processes', file), 'utf8');
    const result = await app.page.evaluate(async (diagram) => {
      const w = window as unknown as { BpmnJS: new (o: object) => any; viewer?: any };
      w.viewer?.destroy();
      const viewer = new w.BpmnJS({ container: '#canvas' });
      w.viewer = viewer;
      const { warnings } = await viewer.importXML(diagram);
      const registry = viewer.get('elementRegistry');
      const all = registry.getAll();
      const shapes = all.filter((e: any) => !e.waypoints && e.type !== 'label' && e.type !== 'bpmn:Process' && e.type !== 'bpmn:BoundaryEvent');
      const overlaps: string[] = [];
      for (let i = 0; i < shapes.length; i++) {
        for (let j = i + 1; j < shapes.length; j++) {
          const a = shapes[i];
          const b = shapes[j];
          // A shape inside an expanded sub-process is meant to sit within its parent.
          if (a.parent === b || b.parent === a) continue;
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          if (!apart) overlaps.push(`${a.id} × ${b.id}`);
        }
      }
      const unnamed = shapes
        .filter((e: any) => /Task|SubProcess|CallActivity/.test(e.type) && !/[\u4e00-\u9fff]/.test(e.businessObject.name ?? ''))
        .map((e: any) => e.id);
      const drawn = all.filter((e: any) => e.type !== 'label').length;
      const svgText = document.querySelector('#canvas svg')?.textContent ?? '';
      return { warnings: warnings.map((x: any) => x.message), overlaps, unnamed, drawn, hasChinese: /[\u4e00-\u9fff]/.test(svgText) };
    }, xml);

    // Then nothing was dropped or misread, everything is drawn and readable.
    expect(result.warnings).toEqual([]);
    const semantic = (xml.match(/<bpmn:(?:sequenceFlow|userTask|serviceTask|callActivity|subProcess|startEvent|endEvent|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway|intermediateCatchEvent|boundaryEvent)\b/g) ?? []).length;
    expect(result.drawn).toBeGreaterThanOrEqual(semantic);
    expect(result.overlaps).toEqual([]);
    expect(result.unnamed).toEqual([]);
    expect(result.hasChinese).toBe(true);
    expect(app.browser.errors).toEqual([]);
  });
});
