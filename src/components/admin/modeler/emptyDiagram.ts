/** The diagram a new process starts from: one start event. */

/** An empty process with the given key and name, ready for the designer. */
export function emptyDiagram(key: string, name: string): string {
  const safe = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:duban="http://duban.gov.cn/schema/bpmn" id="Definitions_${safe(key)}" targetNamespace="http://duban.gov.cn/processes">
  <bpmn:process id="${safe(key)}" name="${safe(name)}" isExecutable="true">
    <bpmn:startEvent id="${safe(key)}_Start" name="开始" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="${safe(key)}_diagram">
    <bpmndi:BPMNPlane id="${safe(key)}_plane" bpmnElement="${safe(key)}">
      <bpmndi:BPMNShape id="${safe(key)}_Start_di" bpmnElement="${safe(key)}_Start">
        <dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
