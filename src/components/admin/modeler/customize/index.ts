/** The modeler's Duban customisations: palette, context pad and replace menu restricted to what the engine runs. */
import DubanContextPadProvider from './DubanContextPadProvider';
import DubanPaletteProvider from './DubanPaletteProvider';
import DubanReplaceMenuFilter from './DubanReplaceMenuFilter';

/** bpmn-js additional module. */
const dubanCustomizeModule = {
  __init__: ['dubanPaletteProvider', 'dubanContextPadProvider', 'dubanReplaceMenuFilter'],
  dubanPaletteProvider: ['type', DubanPaletteProvider],
  dubanContextPadProvider: ['type', DubanContextPadProvider],
  dubanReplaceMenuFilter: ['type', DubanReplaceMenuFilter],
};

export default dubanCustomizeModule;
