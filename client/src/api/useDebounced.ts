import { useEffect, useState } from 'react';

// A value that follows `value` once it has stood still for `ms` (typing in a form → one request, not ten).

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
