/**
 * UserPicker: a Formily field choosing one or several people from the directory,
 * optionally only holders of a role (e.g. R6); the value is the person id (or ids).
 */
import { connect, mapProps, mapReadPretty } from '@formily/react';
import { UserNames, UserSelect } from './UserSelect';

/** The Formily UserPicker component. */
const UserPicker = connect(UserSelect, mapProps(), mapReadPretty(UserNames));
export default UserPicker;
