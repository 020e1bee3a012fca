/**
 * UnitPicker: a Formily field choosing one or several units (县直部门, 乡镇, offices)
 * from the directory; the value is the unit id, or a list of ids with `multiple`.
 */
import { connect, mapProps, mapReadPretty } from '@formily/react';
import { UnitNames, UnitSelect } from './UnitSelect';

/** The Formily UnitPicker component. */
const UnitPicker = connect(UnitSelect, mapProps(), mapReadPretty(UnitNames));
export default UnitPicker;
