/** What the custom form components know about where they are used (the item an upload belongs to). */
import { createContext, useContext } from 'react';

/** The item and task a form is filled for; both absent while registering a new item. */
export interface FormScope {
  itemId?: string;
  taskId?: string;
}

/** Context of the form being rendered. */
export const FormScopeContext = createContext<FormScope>({});

/** The item and task of the form being rendered. */
export function useFormScope(): FormScope {
  return useContext(FormScopeContext);
}
