type Frame =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly value: unknown };

const isObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null;

/**
 * `JSON.stringify` for the values a trigger hands us (parsed JSON), with
 * an explicit stack instead of recursion: an event or payload nested some
 * thousands of levels deep would make `JSON.stringify` throw `RangeError`
 * before the request could be kept and rejected. The output equals
 * `JSON.stringify(value)` for every JSON value (`undefined` members are
 * left out, `undefined` items are `null`, `toJSON` is honoured).
 *
 * @example
 * ```ts
 * serializeJson({ a: [1, 'x', null] }); // '{"a":[1,"x",null]}'
 * ```
 */
export const serializeJson = (value: unknown): string => {
  const out: string[] = [];
  const stack: Frame[] = [{ kind: 'value', value }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.kind === 'text') {
      out.push(frame.text);
      continue;
    }
    let v = frame.value;
    if (
      isObject(v) &&
      typeof (v as { toJSON?: unknown }).toJSON === 'function'
    ) {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (!isObject(v)) {
      // Primitives have no depth; JSON.stringify escapes them exactly.
      out.push(JSON.stringify(v) ?? 'null');
      continue;
    }
    // Frames are pushed in reverse, so they pop in order.
    const pending: Frame[] = [];
    if (Array.isArray(v)) {
      pending.push({ kind: 'text', text: '[' });
      v.forEach((item, i) => {
        if (i > 0) {
          pending.push({ kind: 'text', text: ',' });
        }
        pending.push({
          kind: 'value',
          value: item === undefined || typeof item === 'function' ? null : item,
        });
      });
      pending.push({ kind: 'text', text: ']' });
    } else {
      pending.push({ kind: 'text', text: '{' });
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        if (item === undefined || typeof item === 'function') {
          continue;
        }
        pending.push({
          kind: 'text',
          text: `${first ? '' : ','}${JSON.stringify(key)}:`,
        });
        pending.push({ kind: 'value', value: item });
        first = false;
      }
      pending.push({ kind: 'text', text: '}' });
    }
    for (let i = pending.length - 1; i >= 0; i -= 1) {
      stack.push(pending[i] as Frame);
    }
  }
  return out.join('');
};
