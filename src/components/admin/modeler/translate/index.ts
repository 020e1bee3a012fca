/** The modeler's translate module: every string bpmn-js shows, in Chinese. */
import customTranslate from './customTranslate';

/** bpmn-js additional module replacing the `translate` service. */
const translateModule = {
  translate: ['value', customTranslate],
};

export default translateModule;
export { customTranslate };
