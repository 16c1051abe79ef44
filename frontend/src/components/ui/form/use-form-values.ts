import { useState, type ChangeEvent } from 'react';

/**
 * The text values of a form, one per input name. `bind(name)` gives an input its `name`,
 * `value` and `onChange`; `reset()` puts the first values back.
 */
export function useFormValues<Values extends Record<string, string>>(initial: Values) {
  const [values, setValues] = useState(initial);
  function bind<Name extends keyof Values & string>(name: Name) {
    return {
      name,
      value: values[name],
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
        const value = event.target.value;
        setValues((current) => ({ ...current, [name]: value }));
      },
    };
  }
  function reset() {
    setValues(initial);
  }
  return { values, bind, reset };
}
